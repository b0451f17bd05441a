/* Arrimage page: the Alignement view. Coverage heatmap of a ministerial plan, evidence of each link, gaps,
   related units, CSV export. */

import { adminToken, ApiError, errorFromResponse, failureText, fetchJson } from "./api.js";
import { documents, fetchDocuments } from "./documents.js";
import { announce, byId, h, LEVEL_LABELS, SidePanel } from "./dom.js";

/* ---- the alignment view: coverage heatmap, evidence, gaps, CSV export ------------------------------------ */

const DEFAULT_TARGET = "mees-plan-action-numerique-2018-2023";
const ALIGN_LABELS = { strong: "fort", partial: "partiel", none: "aucun" };
const KIND_LABELS = {
  orientation: "Orientation", axe: "Axe", enjeu: "Enjeu", objectif: "Objectif", mesure: "Mesure", action: "Action",
  theme: "Thème", "thème": "Thème", cible: "Cible", indicateur: "Indicateur",
};
const SIGNAL_LABELS = {
  dense: "sémantique", target_parent: "parent de la cible", target_children: "sous-unités de la cible",
  target_passages: "passages de la cible", source_parent: "parent de l’unité", lexical: "lexical",
  source_affinity: "affinité avec le plan cible",
};
// The heatmap shades the calibrated probability that a link is right, from 0 (palest) to 1 (darkest).
const SCORE_FORMAT = new Intl.NumberFormat("fr-CA", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PERCENT_FORMAT = new Intl.NumberFormat("fr-CA", { style: "percent", maximumFractionDigits: 0 });

const align = {
  view: byId("alignement"),
  plan: byId("align-plan"),
  status: byId("align-status"),
  results: byId("align-results"),
  summary: byId("heatmap-summary"),
  legend: byId("heatmap-legend"),
  scroll: byId("heatmap-scroll"),
  heatmap: byId("heatmap"),
  gapTargets: byId("gap-targets"),
  gapSources: byId("gap-sources"),
  exportButton: byId("align-export"),
  exportStatus: byId("align-export-status"),
  panel: byId("evidence-panel"),
  kicker: byId("evidence-kicker"),
  title: byId("evidence-title"),
  meta: byId("evidence-meta"),
  list: byId("evidence-list"),
  close: byId("evidence-close"),
  started: false,
  request: 0,
  coverage: null,
  targets: new Map(),
  cells: new Map(),
};

const evidencePanel = new SidePanel(align.panel, align.close,
  { canRefocus: () => !align.view.hidden, ownsFocus: (element) => element === align.view });
const formatScore = (score) => SCORE_FORMAT.format(Number(score) || 0);
const formatProbability = (probability) => PERCENT_FORMAT.format(Number(probability) || 0);
const labelText = (label) => ALIGN_LABELS[label] || label;
const plural = (count, singular, pluralForm = `${singular}s`) => `${count} ${count > 1 ? pluralForm : singular}`;
const cellKey = (docId, unitId) => `${docId}\u0000${unitId}`;

/** A unit's code ("Objectif 1.1", "Mesure 12"), or its kind when the plan does not number it. */
function unitLabel(unit) {
  return unit.code || KIND_LABELS[unit.kind] || unit.kind || "Unité";
}

/** A unit's title; its text when the title is empty; a placeholder when both are. */
function unitTitle(unit) {
  const text = (unit.title || unit.text || "").trim();
  if (!text) return h("span", { class: "untitled" }, "(sans intitulé)");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function planInfo(docId) {
  return documents.get(docId) || { doc_id: docId, title: docId, organization: "", level: "", period: "" };
}

/** Give ``node`` the shade of a probability: the upper half of the scale is drawn dark, with light text (see app.css). */
function paintHeat(node, probability) {
  const shade = Math.min(1, Math.max(0, Number(probability) || 0));
  node.style.setProperty("--t", shade.toFixed(3));
  node.classList.toggle("dark", shade >= 0.5);
  return node;
}

function setAlignStatus(kind, text, retry = null) {
  align.status.dataset.kind = kind;
  align.view.setAttribute("aria-busy", String(kind === "loading"));
  if (!text) {
    align.status.replaceChildren();
    return;
  }
  const message = h("p", { class: kind === "error" ? "error-text" : "status-text" },
    kind === "loading" ? h("span", { class: "spinner", "aria-hidden": "true" }) : null, text);
  const button = retry && h("button", { type: "button", class: "button secondary small" }, "Réessayer");
  button?.addEventListener("click", retry);
  align.status.replaceChildren(message, button || "");
}

/** A plan was added or removed: the view reads the plans again when it is next shown. */
export function alignmentChanged() {
  align.started = false;
}

export function evidenceOpen() {
  return evidencePanel.isOpen;
}

export function startAlignmentView() {
  if (align.started) return;
  align.started = true;
  loadPlans();
}

async function loadPlans() {
  setAlignStatus("loading", "Chargement des plans ministériels…");
  try {
    const plans = (await fetchDocuments()).filter((doc) => doc.level === "ministerial");
    if (!plans.length) {
      align.plan.replaceChildren(h("option", { value: "" }, "Aucun plan ministériel"));
      setAlignStatus("empty", "L’index ne contient aucun plan ministériel : il n’y a rien à aligner.");
      return;
    }
    align.plan.replaceChildren(...plans.map((doc) => h("option", { value: doc.doc_id },
      doc.period && !doc.title.includes(doc.period) ? `${doc.title} (${doc.period})` : doc.title)));
    align.plan.value = plans.some((doc) => doc.doc_id === DEFAULT_TARGET) ? DEFAULT_TARGET : plans[0].doc_id;
    align.plan.disabled = false;
    await loadCoverage(align.plan.value);
  } catch (error) {
    setAlignStatus("error", `La liste des plans est indisponible. ${failureText(error)}`, () => loadPlans());
  }
}

async function loadCoverage(docId) {
  const request = ++align.request;
  closeEvidence();
  clearExport();
  align.coverage = null;
  align.exportButton.disabled = true;
  align.results.hidden = true;
  setAlignStatus("loading", "Calcul de la couverture…");
  try {
    const [coverage, tree] = await Promise.all([
      fetchJson(`/coverage?target_doc_id=${encodeURIComponent(docId)}`),
      fetchJson(`/plans/${encodeURIComponent(docId)}/units`).catch(() => null), // only used to group the columns
    ]);
    if (request !== align.request) return; // another plan was chosen meanwhile
    align.coverage = coverage;
    renderCoverage(coverage, tree);
    setAlignStatus("", "");
    align.results.hidden = false;
    align.exportButton.disabled = allPairs(coverage).length === 0;
    announce(align.summary.textContent);
  } catch (error) {
    if (request !== align.request) return;
    setAlignStatus("error", `La couverture n’a pas pu être chargée. ${failureText(error)}`, () => loadCoverage(docId));
  }
}

function allPairs(coverage) {
  return coverage.rows.flatMap((row) => row.covering || []);
}

/** The plans that serve at least one unit, in the order of GET /documents. */
function coveringPlans(coverage) {
  const ids = [...new Set(allPairs(coverage).map((pair) => pair.source.doc_id))];
  const order = [...documents.keys()];
  const rank = (id) => (order.includes(id) ? order.indexOf(id) : order.length);
  return ids.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map(planInfo);
}

/** For each target unit, the nearest ancestor that is not itself a column (its axis, say), from the plan's tree. */
function columnGroups(targets, tree) {
  const nodes = new Map();
  const visit = (node) => {
    nodes.set(node.unit_id, node);
    (node.children || []).forEach(visit);
  };
  (tree?.units || []).forEach(visit);
  const columns = new Set(targets.map((target) => target.unit_id));
  return targets.map((target) => {
    let parent = nodes.get(target.parent_id);
    while (parent && columns.has(parent.unit_id)) parent = nodes.get(parent.parent_id);
    return parent || null;
  });
}

function renderCoverage(coverage, tree) {
  const targets = coverage.rows.map((row) => row.target);
  const plans = coveringPlans(coverage);
  align.targets = new Map(targets.map((target) => [target.unit_id, target]));
  align.cells = new Map();
  for (const pair of allPairs(coverage)) {
    const key = cellKey(pair.source.doc_id, pair.target.unit_id);
    if (!align.cells.has(key)) align.cells.set(key, []);
    align.cells.get(key).push(pair);
  }
  // A confirmed link first, then by probability.
  align.cells.forEach((pairs) => pairs.sort((a, b) => (b.review?.decision === "confirmed") - (a.review?.decision === "confirmed")
    || b.probability - a.probability));

  const covered = coverage.rows.filter((row) => row.covering?.length).length;
  const doc = planInfo(coverage.target_doc_id);
  align.summary.textContent = [
    `${doc.title} : ${plural(targets.length, "unité ministérielle", "unités ministérielles")}`,
    `${covered} servie${covered > 1 ? "s" : ""} par au moins un plan`,
    plural(plans.length, "plan"),
    plural(allPairs(coverage).length, "correspondance"),
    `${allPairs(coverage).filter((pair) => pair.review).length} revue(s)`,
  ].join(" · ");

  if (!targets.length || !plans.length) {
    align.legend.hidden = true;
    align.scroll.hidden = true;
    align.summary.append(h("span", { class: "summary-note" }, targets.length
      ? " — aucun plan institutionnel ou régional ne sert ce plan."
      : " — aucune unité (objectif, mesure) n’a été reconnue dans ce plan."));
  } else {
    align.legend.hidden = false;
    align.scroll.hidden = false;
    renderLegend();
    renderHeatmap(coverage, targets, plans, columnGroups(targets, tree));
  }
  renderGaps(coverage);
}

function renderLegend() {
  const swatch = (probability) => {
    return h("span", { class: "legend-item" }, paintHeat(h("span", { class: "swatch" }), probability),
      formatProbability(probability));
  };
  align.legend.replaceChildren(
    h("span", { class: "legend-title" }, "Probabilité que le meilleur lien d’un plan soit juste :"),
    ...[0.25, 0.5, 0.75, 1].map(swatch),
    h("span", { class: "legend-item" }, h("span", { class: "swatch strong-ring" }), "étiquette « fort »"),
    h("span", { class: "legend-item" }, h("span", { class: "swatch empty" }), "aucune correspondance"),
    h("span", { class: "legend-item" }, h("span", { class: "legend-uncovered" }, "Mesure 17"), "en rouge : servie par aucun plan"),
    h("span", { class: "legend-note" }, "Le chiffre : nombre d’unités du plan qui servent l’unité ministérielle."),
  );
}

function renderHeatmap(coverage, targets, plans, groups) {
  const groupStart = targets.map((_, i) => i === 0 || groups[i] !== groups[i - 1]);
  const head = [];
  if (groups.some(Boolean)) {
    const cells = [h("td", { class: "corner" })];
    targets.forEach((_, i) => {
      if (!groupStart[i]) return;
      let span = 1;
      while (i + span < targets.length && !groupStart[i + span]) span += 1;
      const group = groups[i];
      cells.push(group
        ? h("th", { scope: "colgroup", colspan: span, class: "group-head group-start", title: `${unitLabel(group)} — ${group.title}` },
          h("span", { class: "group-label" }, unitLabel(group)))
        : h("td", { colspan: span, class: "group-start" }));
    });
    head.push(h("tr", { class: "group-row" }, ...cells));
  }
  head.push(h("tr", { class: "unit-row" },
    h("th", { scope: "col", class: "corner plan-col" }, "Plan"),
    ...targets.map((target, i) => {
      const row = coverage.rows[i];
      const classes = ["unit-col", `kind-${target.kind}`, groupStart[i] && "group-start", !row.covering?.length && "uncovered"];
      return h("th", { scope: "col", class: classes.filter(Boolean).join(" "), "data-unit": target.unit_id,
        title: `${unitLabel(target)} — ${target.title}` },
      h("span", { class: "col-code" }, unitLabel(target)));
    })));

  const body = plans.map((plan) => {
    const served = targets.filter((target) => align.cells.has(cellKey(plan.doc_id, target.unit_id))).length;
    const level = LEVEL_LABELS[plan.level] || plan.level;
    return h("tr", { "data-doc-id": plan.doc_id },
      h("th", { scope: "row", class: "plan-head", title: [plan.title, plan.organization].filter(Boolean).join(" — ") },
        h("span", { class: "plan-title" }, plan.title),
        plan.organization ? h("span", { class: "plan-meta" }, plan.organization) : null,
        h("span", { class: "plan-meta" }, [`${served} / ${targets.length} servies`, level].filter(Boolean).join(" · "))),
      ...targets.map((target, i) => {
        const pairs = align.cells.get(cellKey(plan.doc_id, target.unit_id));
        const cls = `cell${groupStart[i] ? " group-start" : ""}`;
        return pairs
          ? h("td", { class: cls }, heatButton(plan, target, pairs))
          : h("td", { class: `${cls} empty` }, h("span", { class: "visually-hidden" }, "aucune correspondance"));
      }));
  });

  align.heatmap.replaceChildren(
    h("caption", { class: "visually-hidden" },
      `Couverture de ${planInfo(coverage.target_doc_id).title} : une ligne par plan, une colonne par unité ministérielle`),
    h("thead", {}, ...head),
    h("tbody", {}, ...body));
  // One Tab stop for the whole heatmap; the arrow keys move between its cells (see onHeatmapKey).
  align.heatmap.querySelectorAll(".heat-cell").forEach((cell, i) => { cell.tabIndex = i === 0 ? 0 : -1; });
}

/** The cell button reached from ``cell`` with ``key`` (arrows, Home, End), or null. */
function nextCell(cell, key) {
  const td = cell.closest("td");
  const rows = [...align.heatmap.tBodies[0].rows];
  const rowIndex = rows.indexOf(td.parentElement);
  const buttonAt = (row, column) => row.cells[column]?.querySelector(".heat-cell") || null;
  const inRow = [...td.parentElement.querySelectorAll(".heat-cell")];
  const position = inRow.indexOf(cell);
  if (key === "ArrowRight") return inRow[position + 1] || null;
  if (key === "ArrowLeft") return inRow[position - 1] || null;
  if (key === "Home") return inRow[0];
  if (key === "End") return inRow[inRow.length - 1];
  const step = key === "ArrowDown" ? 1 : key === "ArrowUp" ? -1 : 0;
  if (!step) return null;
  for (let r = rowIndex + step; r >= 0 && r < rows.length; r += step) {
    const below = buttonAt(rows[r], td.cellIndex);
    if (below) return below;
  }
  return null;
}

function onHeatmapKey(event) {
  const cell = event.target.closest?.("button.heat-cell");
  if (!cell || event.altKey || event.ctrlKey || event.metaKey) return;
  if (!["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) return;
  event.preventDefault();
  const next = nextCell(cell, event.key);
  if (next) {
    next.focus();
    next.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
}

function onHeatmapFocus(event) {
  const cell = event.target.closest?.("button.heat-cell");
  if (!cell || cell.tabIndex === 0) return;
  align.heatmap.querySelectorAll(".heat-cell[tabindex='0']").forEach((other) => { other.tabIndex = -1; });
  cell.tabIndex = 0;
}

function heatButton(plan, target, pairs) {
  const best = pairs[0];
  const units = plural(pairs.length, "unité");
  const summary = `${labelText(best.label)}, probabilité ${formatProbability(best.probability)}, ${units}`;
  const button = h("button", {
    type: "button",
    class: `heat-cell label-${best.label}`,
    "data-doc": plan.doc_id,
    "data-unit": target.unit_id,
    "data-probability": best.probability,
    "aria-haspopup": "dialog",
    title: `${plan.title} × ${unitLabel(target)} : ${summary}`,
  }, h("span", { "aria-hidden": "true" }, String(pairs.length)), h("span", { class: "visually-hidden" }, summary));
  return paintHeat(button, best.probability);
}

function unitItem(unit, { withPlan = false } = {}) {
  return h("li", { class: "unit-item" },
    withPlan ? h("span", { class: "unit-plan" }, planInfo(unit.doc_id).title) : null,
    h("span", { class: "unit-line" }, h("span", { class: "unit-code" }, unitLabel(unit)), " ", unitTitle(unit)),
    h("span", { class: "unit-page" }, `p. ${unit.page}`));
}

function renderGaps(coverage) {
  const targets = coverage.uncovered_targets || [];
  align.gapTargets.replaceChildren(targets.length
    ? h("ul", { class: "unit-list" }, ...targets.map((unit) => unitItem(unit)))
    : h("p", { class: "hint" }, "Aucun : chaque objectif ministériel est servi par au moins une unité."));

  const sources = coverage.unaligned_sources || [];
  if (!sources.length) {
    align.gapSources.replaceChildren(h("p", { class: "hint" },
      "Aucune : chaque unité des plans institutionnels et régionaux sert au moins une unité ministérielle."));
    return;
  }
  const byPlan = new Map();
  sources.forEach((unit) => byPlan.set(unit.doc_id, [...(byPlan.get(unit.doc_id) || []), unit]));
  align.gapSources.replaceChildren(...[...byPlan].map(([docId, units]) => h("div", { class: "gap-plan" },
    h("p", { class: "gap-plan-title" }, `${planInfo(docId).title} (${plural(units.length, "unité")})`),
    h("ul", { class: "unit-list" }, ...units.map((unit) => unitItem(unit))))));
}

/* ---- the evidence panel --------------------------------------------------------------------------------- */

/** ``text`` with each occurrence of the shared terms wrapped in <mark> (case-insensitive, whole words, ' = ’). */
function markTerms(text, terms) {
  const words = [...new Set((terms || []).map((term) => String(term).trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/['’]/g, "['’]"));
  if (!words.length || !text) return [text || ""];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index), h("mark", {}, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function quoteBlock(caption, page, text, terms, kind) {
  return h("figure", { class: `quote quote-${kind}` },
    h("figcaption", {}, `${caption} · p. ${page}`),
    h("blockquote", {}, ...markTerms(text, terms)));
}

/** A unit's targets as the plan states them, each with its deadline when the plan gives one. */
function targetsLine(key, unit) {
  const targets = (unit.targets || []).map((t) =>
    t.deadline && !t.text.includes(t.deadline) ? `${t.text} (échéance : ${t.deadline})` : t.text);
  return targets.length ? h("p", { class: "pair-targets" }, h("span", { class: "pair-key" }, key), targets.join(" ; ")) : null;
}

const REVIEWER_KEY = "arrimage.reviewer";
const DECISION_LABELS = { confirmed: "Confirmé", rejected: "Rejeté" };

/** What a planner decided of a link, by whom and when; "à revoir" when a unit changed since. */
function reviewLine(pair) {
  const review = pair.review;
  if (!review) return null;
  const when = new Date(review.created_at).toLocaleDateString("fr-CA");
  const who = review.reviewer ? ` par ${review.reviewer}` : "";
  return h("p", { class: `pair-review review-${review.decision}${review.stale ? " stale" : ""}` },
    `${DECISION_LABELS[review.decision]}${who} le ${when}`, review.note ? ` — ${review.note}` : "",
    review.stale ? h("strong", {}, " · à revoir : une des unités a changé depuis") : "");
}

function reviewButton(pair, decision, label) {
  return h("button", { type: "button", class: "button secondary small review-button", "data-decision": decision,
    "data-source": pair.source.unit_id, "data-target": pair.target.unit_id,
    "aria-pressed": String(pair.review?.decision === decision) }, label);
}

function reviewer() {
  let name = localStorage.getItem(REVIEWER_KEY);
  if (name === null) {
    name = (window.prompt("Votre nom (gardé dans ce navigateur pour signer vos revues) :") || "").trim();
    localStorage.setItem(REVIEWER_KEY, name);
  }
  return name;
}

/** Confirm or reject a link, then show the coverage as the review has it, the same cell open. */
async function review(button) {
  const token = adminToken();
  if (!token) return;
  const opener = evidencePanel.opener;
  const cell = opener && { doc: opener.dataset.doc, unit: opener.dataset.unit };
  button.disabled = true;
  try {
    const response = await fetch("/reviews", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ source_unit_id: button.dataset.source, target_unit_id: button.dataset.target,
        decision: button.dataset.decision, reviewer: reviewer() }),
    });
    if (!response.ok) throw new ApiError(await errorFromResponse(response));
    await loadCoverage(align.plan.value);
    const again = cell && align.heatmap.querySelector(
      `button.heat-cell[data-doc="${CSS.escape(cell.doc)}"][data-unit="${CSS.escape(cell.unit)}"]`);
    if (again) openEvidence(again);
    announce(button.dataset.decision === "confirmed" ? "Lien confirmé." : "Lien rejeté.");
  } catch (error) {
    button.disabled = false;
    announce(`La revue n’a pas été enregistrée. ${failureText(error)}`);
    setAlignStatus("error", `La revue n’a pas été enregistrée. ${failureText(error)}`);
  }
}

function pairCard(pair, index) {
  const { source, target, evidence = {} } = pair;
  const terms = evidence.shared_terms || [];
  const id = `pair-${index}`;
  const { declared, ...scored } = pair.signals || {};
  const signals = declared ? "lien déclaré par le plan lui-même"
    : Object.entries(scored).map(([name, value]) => `${SIGNAL_LABELS[name] || name} ${formatScore(value)}`).join(" · ");
  return h("article", { class: "pair", "aria-labelledby": `${id}-title` },
    h("div", { class: "pair-head" },
      h("h3", { class: "pair-title", id: `${id}-title`, title: source.title },
        h("span", { class: "unit-code" }, unitLabel(source)), " ", unitTitle(source)),
      h("span", { class: `badge label-${pair.label}` }, `${labelText(pair.label)} · ${formatProbability(pair.probability)}`)),
    h("p", { class: "pair-units" },
      h("span", {}, `Plan : ${unitLabel(source)}, page ${source.page}`),
      h("span", {}, `Cible : ${unitLabel(target)}, page ${target.page}`)),
    h("div", { class: "quotes" },
      quoteBlock("Extrait du plan", source.page, evidence.source_quote || source.title, terms, "source"),
      quoteBlock("Extrait ministériel", target.page, evidence.target_quote || target.title, terms, "target")),
    terms.length ? h("p", { class: "pair-terms" }, h("span", { class: "pair-key" }, "Termes communs : "), terms.join(", ")) : null,
    targetsLine("Cibles du plan : ", source),
    targetsLine("Cibles ministérielles : ", target),
    signals ? h("p", { class: "pair-signals" }, h("span", { class: "pair-key" }, "Signaux : "), signals) : null,
    reviewLine(pair),
    h("div", { class: "pair-actions" },
      reviewButton(pair, "confirmed", "Confirmer"),
      reviewButton(pair, "rejected", "Rejeter"),
      h("button", { type: "button", class: "button secondary small related-button", "data-unit": source.unit_id,
        "aria-expanded": "false", "aria-controls": `${id}-related` }, "Unités reliées")),
    h("div", { class: "related", id: `${id}-related`, "aria-live": "polite", hidden: "" }));
}

function openEvidence(button) {
  const pairs = align.cells.get(cellKey(button.dataset.doc, button.dataset.unit));
  const target = align.targets.get(button.dataset.unit);
  if (!pairs || !target) return;
  const plan = planInfo(button.dataset.doc);
  align.kicker.textContent = `${plural(pairs.length, "correspondance")} · ${labelText(pairs[0].label)}`;
  align.title.textContent = `${plan.title} → ${unitLabel(target)}`;
  align.meta.replaceChildren(...[
    h("span", { class: "passage-page" }, `${unitLabel(target)}, page ${target.page}`),
    h("span", { class: "passage-section", title: target.title }, target.title),
    plan.organization && h("span", {}, `${plan.organization}${plan.period ? ` · ${plan.period}` : ""}`),
  ].filter(Boolean));
  align.list.replaceChildren(...pairs.map(pairCard));
  align.list.scrollTop = 0;
  evidencePanel.open(button);
}

export function closeEvidence() {
  evidencePanel.close();
}

async function toggleRelated(button) {
  const box = byId(button.getAttribute("aria-controls"));
  const expanded = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", String(!expanded));
  button.textContent = expanded ? "Unités reliées" : "Masquer les unités reliées";
  box.hidden = expanded;
  if (expanded || box.dataset.state === "done" || box.dataset.state === "loading") return;
  box.dataset.state = "loading";
  box.setAttribute("aria-busy", "true");
  box.replaceChildren(h("p", { class: "status-text" }, h("span", { class: "spinner", "aria-hidden": "true" }),
    "Recherche des unités reliées…"));
  try {
    const { units } = await fetchJson("/related", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ unit_id: button.dataset.unit, k: 5 }),
    });
    box.replaceChildren(
      h("p", { class: "related-title" }, "Unités les plus proches, tous plans confondus :"),
      units.length
        ? h("ol", { class: "related-list" }, ...units.map(relatedItem))
        : h("p", { class: "hint" }, "Aucune unité reliée."));
    box.dataset.state = "done";
  } catch (error) {
    box.replaceChildren(h("p", { class: "error-text" }, `Unités reliées indisponibles. ${failureText(error)}`));
    box.dataset.state = "error";
  }
  box.setAttribute("aria-busy", "false");
}

function relatedItem(unit) {
  const plan = planInfo(unit.doc_id);
  const level = LEVEL_LABELS[unit.level] || unit.level;
  return h("li", { class: "related-item" },
    h("span", { class: "unit-plan" }, [plan.title, level].filter(Boolean).join(" · ")),
    h("span", { class: "unit-line" }, h("span", { class: "unit-code" }, unitLabel(unit)), " ", unitTitle(unit)),
    h("span", { class: "unit-page" },
      [`p. ${unit.page}`, unit.probability !== null && unit.probability !== undefined && `probabilité ${formatProbability(unit.probability)}`]
        .filter(Boolean).join(" · ")));
}

/* ---- CSV export: the service's table (one writer for the CLI, the API and the page) ---------------------- */

function clearExport() {
  align.exportStatus.replaceChildren();
}

function exportCsv() {
  const coverage = align.coverage;
  if (!coverage) return;
  clearExport();
  const count = allPairs(coverage).length;
  const name = `couverture-${coverage.target_doc_id.replace(/[^\w.-]+/g, "-")}.csv`;
  const href = `/coverage?target_doc_id=${encodeURIComponent(coverage.target_doc_id)}&format=csv`;
  const link = h("a", { id: "align-export-link", href, download: name }, name);
  align.exportStatus.replaceChildren("Fichier prêt : ", link, ` (${plural(count, "correspondance")})`);
  link.click();
}

function onHeatmapClick(event) {
  const button = event.target.closest("button.heat-cell");
  if (button) openEvidence(button);
}

function onEvidenceListClick(event) {
  const button = event.target.closest("button.related-button, button.review-button");
  if (button?.classList.contains("review-button")) review(button);
  else if (button) toggleRelated(button);
}

export function startAlignment() {
  align.plan.addEventListener("change", () => { if (align.plan.value) loadCoverage(align.plan.value); });
  align.heatmap.addEventListener("click", onHeatmapClick);
  align.heatmap.addEventListener("keydown", onHeatmapKey);
  align.heatmap.addEventListener("focusin", onHeatmapFocus);
  align.list.addEventListener("click", onEvidenceListClick);
  align.exportButton.addEventListener("click", exportCsv);
}
