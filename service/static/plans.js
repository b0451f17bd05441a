/* Arrimage page: the "Plans" view. Lists the indexed plans with what was recognised in each, adds a plan
   (POST /documents, progress from GET /jobs/{id}/events), shows a plan's structure as a tree, deletes a plan.
   The admin token is kept for the tab only (sessionStorage), never in the page's code. */

import { ApiError, errorFromResponse, failureText, fetchJson, readEvents, TOKEN_KEY } from "./api.js";
import { byId, h, LEVEL_LABELS } from "./dom.js";
import { structureFromWords } from "./levels.js";

const STAGES = { queued: "En attente", reading: "Lecture du fichier", embedding: "Calcul des vecteurs",
  saving: "Enregistrement de l’index", done: "Terminé", failed: "Échec" };

const ui = {
  form: byId("upload-form"),
  file: byId("upload-file"),
  token: byId("upload-token"),
  send: byId("upload-send"),
  status: byId("upload-status"),
  progress: byId("upload-progress"),
  text: byId("upload-text"),
  listStatus: byId("plans-status"),
  rows: byId("plans-table").querySelector("tbody"),
  tree: byId("plan-tree"),
  treeTitle: byId("plan-tree-title"),
  treeList: byId("plan-tree-list"),
};
let onChange = () => {};

function token() {
  return ui.token.value.trim();
}

function authHeaders() {
  return { Authorization: `Bearer ${token()}` };
}

function unitCounts(units) {
  const counts = new Map();
  const walk = (unit) => {
    counts.set(unit.kind, (counts.get(unit.kind) || 0) + 1);
    (unit.children || []).forEach(walk);
  };
  units.forEach(walk);
  return [...counts].map(([kind, n]) => `${kind} ${n}`).join(" · ") || "aucune";
}

async function loadList() {
  ui.listStatus.textContent = "Chargement des plans…";
  try {
    const documents = await fetchJson("/documents");
    const trees = await Promise.all(documents.map((doc) =>
      fetchJson(`/plans/${encodeURIComponent(doc.doc_id)}/units`).then((body) => body.units).catch(() => [])));
    ui.rows.replaceChildren(...documents.map((doc, i) => planRow(doc, trees[i])));
    ui.listStatus.textContent = `${documents.length} plan${documents.length > 1 ? "s" : ""} indexé${documents.length > 1 ? "s" : ""}.`;
  } catch (error) {
    ui.listStatus.textContent = `La liste des plans n’a pas pu être chargée. ${failureText(error)}`;
  }
}

function planRow(doc, units) {
  return h("tr", { "data-doc-id": doc.doc_id },
    h("th", { scope: "row" }, h("span", { class: "plan-title" }, doc.title),
      doc.organization ? h("span", { class: "plan-meta" }, doc.organization) : null),
    h("td", {}, LEVEL_LABELS[doc.level] || doc.level),
    h("td", {}, doc.period || "—"),
    h("td", {}, String(doc.pages)),
    h("td", {}, String(doc.chunks)),
    h("td", { class: "unit-counts" }, unitCounts(units)),
    h("td", { class: "plan-actions" },
      h("button", { type: "button", class: "button secondary small show-tree", "data-doc-id": doc.doc_id,
        "data-title": doc.title }, "Structure"),
      h("a", { class: "button secondary small", href: `/documents/${encodeURIComponent(doc.doc_id)}/file`,
        target: "_blank", rel: "noopener" }, "Fichier"),
      h("button", { type: "button", class: "button secondary small delete-plan", "data-doc-id": doc.doc_id,
        "data-title": doc.title }, "Supprimer")));
}

function treeItem(unit) {
  const label = [unit.code || unit.kind, unit.title].filter(Boolean).join(" – ");
  const targets = (unit.targets || []).map((t) =>
    h("li", { class: "tree-target" }, `Cible : ${t.text}${t.deadline && !t.text.includes(t.deadline) ? ` (échéance : ${t.deadline})` : ""}`));
  const indicators = (unit.indicators || []).map((text) => h("li", { class: "tree-indicator" }, `Indicateur : ${text}`));
  const children = (unit.children || []).map(treeItem);
  const nested = [...indicators, ...targets, ...children];
  return h("li", { "data-kind": unit.kind },
    h("span", { class: "tree-label" }, h("span", { class: "unit-kind" }, unit.kind), " ", label, h("span", { class: "plan-meta" }, ` p. ${unit.page}`)),
    nested.length ? h("ul", {}, ...nested) : null);
}

async function showTree(docId, title) {
  ui.tree.hidden = false;
  ui.treeTitle.textContent = `Structure reconnue : ${title}`;
  ui.treeList.replaceChildren(h("li", {}, "Chargement…"));
  try {
    const { units } = await fetchJson(`/plans/${encodeURIComponent(docId)}/units`);
    ui.treeList.replaceChildren(...(units.length ? units.map(treeItem)
      : [h("li", {}, "Aucune unité reconnue : le plan reste cherchable, mais n’entre pas dans l’alignement.")]));
  } catch (error) {
    ui.treeList.replaceChildren(h("li", {}, failureText(error)));
  }
}

async function deletePlan(docId, title) {
  if (!token()) {
    ui.listStatus.textContent = "Entrez le jeton d’administration pour supprimer un plan.";
    ui.token.focus();
    return;
  }
  if (!window.confirm(`Supprimer « ${title} » de l’index ?`)) return;
  const response = await fetch(`/documents/${encodeURIComponent(docId)}`, { method: "DELETE", headers: authHeaders() });
  if (!response.ok) {
    ui.listStatus.textContent = `La suppression a échoué. ${await errorFromResponse(response)}`;
    return;
  }
  ui.tree.hidden = true;
  await loadList();
  ui.listStatus.textContent = `« ${title} » a été supprimé.`;
  onChange();
}

function showJob(job) {
  ui.status.hidden = false;
  ui.progress.max = Math.max(job.total, 1);
  ui.progress.value = job.status === "done" ? ui.progress.max : job.done;
  const count = job.total ? ` (${job.done} / ${job.total})` : "";
  ui.text.textContent = job.status === "failed" ? `Échec : ${job.error}` : `${STAGES[job.stage] || job.stage}${count}`;
  ui.status.dataset.status = job.status;
}

async function followJob(jobId) {
  const response = await fetch(`/jobs/${encodeURIComponent(jobId)}/events`, { headers: { Accept: "text/event-stream" } });
  if (!response.ok) throw new ApiError(await errorFromResponse(response));
  let last = null;
  await readEvents(response.body, (_, job) => {
    last = job;
    showJob(job);
  });
  return last;
}

async function onSubmit(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, token());
  const body = new FormData(ui.form);
  body.delete("token");
  for (const name of ["title", "organization", "period"]) if (!String(body.get(name) || "").trim()) body.delete(name);
  const structure = structureFromWords(body.get("words"));
  body.delete("words");
  if (structure) body.set("structure", structure);
  ui.send.disabled = true;
  showJob({ status: "queued", stage: "queued", done: 0, total: 0 });
  try {
    const response = await fetch("/documents", { method: "POST", body, headers: authHeaders() });
    if (!response.ok) throw new ApiError(await errorFromResponse(response));
    const accepted = await response.json();
    const job = await followJob(accepted.job_id);
    if (job?.status === "done") {
      await loadList();
      await showTree(accepted.doc_id, ui.form.elements.title.value.trim() || accepted.doc_id);
      ui.form.reset();
      ui.token.value = sessionStorage.getItem(TOKEN_KEY) || "";
      onChange();
    }
  } catch (error) {
    showJob({ status: "failed", stage: "failed", done: 0, total: 0, error: failureText(error) });
  } finally {
    ui.send.disabled = false;
  }
}

function onRowsClick(event) {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.classList.contains("show-tree")) showTree(button.dataset.docId, button.dataset.title);
  else if (button.classList.contains("delete-plan")) deletePlan(button.dataset.docId, button.dataset.title);
}

/** Wire the view once; ``changed`` is called when the set of plans changes (the other views reload). */
export function startPlans(changed) {
  onChange = changed;
  ui.token.value = sessionStorage.getItem(TOKEN_KEY) || "";
  ui.form.addEventListener("submit", onSubmit);
  ui.rows.addEventListener("click", onRowsClick);
}

export function showPlans() {
  loadList();
}
