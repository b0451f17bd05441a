/* Arrimage page: the Questions view. Asks POST /ask (streamed) with the conversation, shows cited passages,
   keeps the conversation in localStorage. All text coming from the service or the user is inserted as text
   nodes, never as HTML. */

import { ApiError, errorFromResponse, errorText, failureText, readEvents } from "./api.js";
import { documents, fetchDocuments, forgetDocuments } from "./documents.js";
import { announce, byId, h, LEVEL_LABELS, NARROW, SidePanel } from "./dom.js";
import { feedbackBlock, startFeedback } from "./feedback.js";

const STORAGE_KEY = "arrimage.conversation.v1";
// What POST /ask accepts of the conversation (answer/followup.py: MAX_TURNS, MAX_TURN_CHARS).
const HISTORY_TURNS = 20;
const HISTORY_TURN_CHARS = 4000;
const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;

const ui = {
  form: byId("ask-form"),
  question: byId("question"),
  send: byId("send"),
  scroller: byId("scroller"),
  messages: byId("messages"),
  emptyState: byId("empty-state"),
  newConversation: byId("new-conversation"),
  filters: byId("filters"),
  filterDocs: byId("filter-docs"),
  filterLevels: byId("filter-levels"),
  filterSummary: byId("filter-summary"),
  clearFilters: byId("clear-filters"),
  panel: byId("passage-panel"),
  passageKicker: byId("passage-kicker"),
  passageTitle: byId("passage-title"),
  passageMeta: byId("passage-meta"),
  passageText: byId("passage-text"),
  passageClose: byId("passage-close"),
  status: byId("service-status"),
};

const state = { messages: [], controller: null, scroll: null };
const passagePanel = new SidePanel(ui.panel, ui.passageClose);

/* ---- DOM helpers ---------------------------------------------------------------------------------------- */

function isNearEnd() {
  const { scrollHeight, scrollTop, clientHeight } = ui.scroller;
  return scrollHeight - scrollTop - clientHeight < 120;
}

function scrollToEnd() {
  ui.scroller.scrollTop = ui.scroller.scrollHeight;
}

/** Keep a growing answer in view, but never scroll its question out of the top. */
function follow(article) {
  const question = article.previousElementSibling;
  ui.scroller.scrollTop = Math.min(ui.scroller.scrollHeight, question ? question.offsetTop - 12 : Infinity);
}

function autoGrow() {
  ui.question.style.height = "auto";
  ui.question.style.height = `${ui.question.scrollHeight}px`;
}

/* ---- conversation storage ------------------------------------------------------------------------------- */

function loadConversation() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "[]");
    if (!Array.isArray(saved)) return [];
    return saved.filter((m) => m && (m.role === "user" || m.role === "assistant")).map(markInterrupted);
  } catch {
    return [];
  }
}

function markInterrupted(message) {
  if (message.role !== "assistant" || message.done) return message;
  return { ...message, done: true, error: "La réponse a été interrompue (page rechargée)." };
}

function saveConversation() {
  const messages = [...state.messages];
  for (;;) {
    try {
      if (messages.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(messages));
      else localStorage.removeItem(STORAGE_KEY);
      return;
    } catch {
      if (!messages.length) return; // storage unavailable: the conversation lives in this tab only
      messages.splice(0, 2); // storage full: forget the oldest exchange
    }
  }
}

/* ---- rendering ------------------------------------------------------------------------------------------ */

function renderConversation() {
  ui.messages.replaceChildren(...state.messages.map(renderMessage));
  ui.emptyState.hidden = state.messages.length > 0;
  scrollToEnd();
}

function renderMessage(message, index) {
  if (message.role === "user") {
    return h("article", { class: "message user", "data-index": index, "aria-label": "Votre question" },
      h("p", { class: "message-text" }, message.text));
  }
  const article = h("article", { class: "message assistant", "data-index": index, "data-state": "streaming", "aria-label": "Réponse" },
    h("div", { class: "answer", "aria-live": "polite", "aria-busy": String(!message.done) }));
  renderAnswer(article, message);
  if (message.done) finishAssistant(article, message);
  return article;
}

function findCitation(message, n) {
  return (message.citations || []).find((citation) => Number(citation.n) === n);
}

/** The answer text, its [n] markers turned into chips once the citations are known. */
function renderAnswer(article, message) {
  const text = message.answer || "";
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const numbers = match[1].split(/\s*[,;]\s*/).map(Number);
    parts.push(text.slice(last, match.index));
    if (numbers.every((n) => findCitation(message, n))) parts.push(...numbers.map((n) => citationChip(message, n)));
    else parts.push(match[0]);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  article.querySelector(".answer").replaceChildren(...parts);
}

function citationChip(message, n) {
  const citation = findCitation(message, n);
  const label = `Source ${n} : ${citation.title}, page ${citation.page}`;
  return h("button", { type: "button", class: "citation-chip", "data-n": n, "aria-haspopup": "dialog",
    "aria-label": label, title: label }, String(n));
}

function finishAssistant(article, message) {
  const answer = article.querySelector(".answer");
  answer.setAttribute("aria-busy", "false");
  article.dataset.state = message.error ? "error" : "done";
  article.classList.toggle("abstained", Boolean(message.abstained));
  article.classList.toggle("failed", Boolean(message.error));
  if (message.abstained) answer.before(h("p", { class: "abstained-label" }, "Hors des plans indexés"));
  if (message.searched) answer.before(h("p", { class: "searched" }, `Question comprise : ${message.searched}`));
  article.append(...[
    message.error && h("p", { class: "error-text" }, message.error),
    message.notice && h("p", { class: "notice" }, message.notice),
    sourcesBlock(message),
    message.answer && h("div", { class: "actions" }, h("button", { type: "button", class: "button secondary small copy" }, "Copier")),
    message.answer && !message.error && feedbackBlock(message),
  ].filter(Boolean));
}

function sourcesBlock(message) {
  if (!message.citations?.length) return null;
  const heading = message.abstained ? "À consulter" : "Sources";
  return h("section", { class: "sources", "aria-label": heading },
    h("h3", { class: "sources-title" }, heading),
    h("ol", { class: "source-list" }, ...message.citations.map((c) => h("li", {}, sourceButton(c)))));
}

function sourceButton(citation) {
  return h("button", { type: "button", class: "citation-chip source", "data-n": citation.n, "aria-haspopup": "dialog" },
    h("span", { class: "source-n" }, String(citation.n)),
    h("span", { class: "source-title" }, citation.title),
    h("span", { class: "source-page" }, `p. ${citation.page}`));
}

/* ---- the passage panel ---------------------------------------------------------------------------------- */

function openPassage(message, n, opener) {
  const citation = findCitation(message, n);
  if (!citation) return;
  ui.passageKicker.textContent = message.abstained ? `Passage ${n} · à consulter` : `Source ${n}`;
  ui.passageTitle.textContent = citation.title;
  ui.passageMeta.replaceChildren(...passageMeta(citation));
  ui.passageText.replaceChildren(...highlight(citation.text || "", citation.quote));
  passagePanel.open(opener);
  const mark = ui.passageText.querySelector("mark");
  ui.passageText.scrollTop = mark ? mark.offsetTop - ui.passageText.clientHeight / 4 : 0;
}

function passageMeta(citation) {
  const doc = documents.get(citation.doc_id);
  const section = (citation.section_path || []).join(" › ");
  return [
    h("span", { class: "passage-page" }, `Page ${citation.page}`),
    h("a", { class: "passage-file", href: `/documents/${encodeURIComponent(citation.doc_id)}/file#page=${citation.page}`,
      target: "_blank", rel: "noopener" }, `Ouvrir le document à la page ${citation.page}`),
    doc && h("span", {}, `${doc.organization} · ${doc.period}`),
    section && h("span", { class: "passage-section", title: section }, section),
  ].filter(Boolean);
}

/** The passage text with the quoted sentence(s) wrapped in <mark>. */
function highlight(text, quote) {
  const range = findQuote(text, quote);
  if (!range) return [text];
  const [start, end] = range;
  return [text.slice(0, start), h("mark", {}, text.slice(start, end)), text.slice(end)];
}

function findQuote(text, quote) {
  const needle = (quote || "").trim();
  if (!needle) return null;
  const exact = text.indexOf(needle);
  if (exact >= 0) return [exact, exact + needle.length];
  const pattern = needle.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
  const match = new RegExp(pattern, "i").exec(text);
  return match && [match.index, match.index + match[0].length];
}

export function closePassage() {
  passagePanel.close();
}

/* ---- asking --------------------------------------------------------------------------------------------- */

function currentFilters() {
  const checked = (fieldset) => [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
  const docIds = checked(ui.filterDocs);
  const levels = checked(ui.filterLevels);
  return { doc_ids: docIds.length ? docIds : null, levels: levels.length ? levels : null };
}

function setBusy(busy) {
  ui.question.disabled = busy;
  ui.send.disabled = busy;
  ui.send.textContent = busy ? "En cours…" : "Envoyer";
}

/** The conversation before a new question, as POST /ask takes it: the last finished turns, oldest first. */
function historyForRequest() {
  const turns = state.messages
    .filter((m) => m.role === "user" || (m.done && !m.error))
    .map((m) => ({ role: m.role, content: (m.role === "user" ? m.text : m.answer || "").slice(0, HISTORY_TURN_CHARS) }));
  return turns.slice(-HISTORY_TURNS);
}

async function ask(question) {
  const history = historyForRequest();
  const message = { role: "assistant", question, answer: "", citations: null, abstained: false, notice: null, error: null,
    done: false, searched: "", answerer: "" };
  state.messages.push({ role: "user", text: question }, message);
  const count = state.messages.length;
  const article = renderMessage(message, count - 1);
  ui.messages.append(renderMessage(state.messages[count - 2], count - 2), article);
  ui.emptyState.hidden = true;
  scrollToEnd();
  saveConversation();

  const controller = new AbortController();
  state.controller = controller;
  setBusy(true);
  try {
    await receiveAnswer(question, history, message, article, controller.signal);
  } catch (error) {
    message.error = failureText(error);
  }
  if (controller.signal.aborted) return; // the conversation was cleared meanwhile
  state.controller = null;
  message.done = true;
  const stick = isNearEnd();
  renderAnswer(article, message);
  finishAssistant(article, message);
  if (stick) follow(article);
  saveConversation();
  setBusy(false);
  if (message.error) announce(message.error);
  if (!NARROW.matches && document.activeElement === document.body) ui.question.focus();
}

async function receiveAnswer(question, history, message, article, signal) {
  const response = await fetch("/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ question, filters: currentFilters(), answerer: null, stream: true, history }),
    signal,
  });
  if (!response.ok) throw new ApiError(await errorFromResponse(response));
  if (!(response.headers.get("Content-Type") || "").includes("text/event-stream")) {
    applyFinal(message, await response.json());
    return;
  }
  let finished = false;
  await readEvents(response.body, (name, data) => {
    applyEvent(message, name, data);
    finished ||= name === "done";
    const stick = isNearEnd();
    renderAnswer(article, message);
    if (stick) follow(article);
  });
  if (!finished) throw new ApiError("La réponse s’est interrompue avant la fin.");
}

function applyEvent(message, name, data) {
  if (name === "token") message.answer += data.text || "";
  else if (name === "citations") message.citations = data;
  else if (name === "done") applyFinal(message, data);
  else if (name === "error") throw new ApiError(errorText(data.error));
}

function applyFinal(message, result) {
  message.answer = result.answer ?? message.answer;
  message.citations = result.citations ?? message.citations;
  message.abstained = Boolean(result.abstained);
  message.notice = result.notice || null;
  message.searched = result.searched || "";
  message.markdown = result.markdown || "";
  message.answerer = result.answerer || "";
}

/* ---- copying -------------------------------------------------------------------------------------------- */

/** What "Copier" copies: the answer with its sources as Markdown, as POST /ask renders it. */
function plainAnswer(message) {
  return message.markdown || message.answer.trim();
}

async function copyAnswer(message, button) {
  let copied;
  try {
    await navigator.clipboard.writeText(plainAnswer(message));
    copied = true;
  } catch {
    copied = copyWithTextarea(plainAnswer(message));
    button.focus();
  }
  button.textContent = copied ? "Copié" : "Échec de la copie";
  announce(copied ? "Réponse copiée." : "La copie a échoué.");
  window.setTimeout(() => { button.textContent = "Copier"; }, 2000);
}

function copyWithTextarea(text) {
  const area = h("textarea", { class: "clipboard-buffer", readonly: "", "aria-hidden": "true" });
  area.value = text;
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/* ---- filters and service status ------------------------------------------------------------------------- */

/** GET /documents, once per page (a failed load is retried by the next caller). */
/** Fill the document filter (again, after a plan was added or removed), keeping what was checked. */
async function loadDocuments() {
  const status = ui.filterDocs.querySelector("[data-role=docs-status]");
  const checked = new Set(currentFilters().doc_ids || []);
  try {
    const list = await fetchDocuments();
    status?.remove();
    ui.filterDocs.querySelectorAll("label.check").forEach((label) => label.remove());
    ui.filterDocs.append(...list.map(documentOption));
    ui.filterDocs.querySelectorAll("input").forEach((input) => { input.checked = checked.has(input.value); });
    updateFilterSummary();
  } catch (error) {
    if (status) status.textContent = `Liste des documents indisponible. ${failureText(error)}`;
  }
}

function documentOption(doc) {
  const level = LEVEL_LABELS[doc.level] || doc.level;
  return h("label", { class: "check" },
    h("input", { type: "checkbox", name: "doc", value: doc.doc_id }),
    h("span", {},
      h("span", { class: "doc-title" }, doc.title),
      h("span", { class: "doc-meta" }, `${doc.organization} · ${doc.period} · ${level}`)));
}

function updateFilterSummary() {
  const { doc_ids: docIds, levels } = currentFilters();
  const parts = [];
  if (docIds) parts.push(`${docIds.length} document${docIds.length > 1 ? "s" : ""}`);
  if (levels) parts.push(levels.map((level) => LEVEL_LABELS[level]).join(", "));
  ui.filterSummary.textContent = parts.length ? parts.join(" · ") : "tous les documents";
}

function clearFilters() {
  ui.filters.querySelectorAll("input:checked").forEach((input) => { input.checked = false; });
  updateFilterSummary();
}

async function checkHealth() {
  try {
    const response = await fetch("/health");
    if (!response.ok) throw new ApiError(await errorFromResponse(response));
  } catch (error) {
    ui.status.textContent = `Le service n’est pas prêt. ${failureText(error)}`;
    ui.status.hidden = false;
  }
}

function newConversation() {
  state.controller?.abort();
  state.controller = null;
  setBusy(false);
  closePassage();
  state.messages = [];
  saveConversation();
  renderConversation();
  ui.question.focus();
}

function onSubmit(event) {
  event.preventDefault();
  const question = ui.question.value.trim();
  if (!question || state.controller) return;
  ui.question.value = "";
  autoGrow();
  ask(question);
}

function onQuestionKey(event) {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.form.requestSubmit();
  }
}

function onMessagesClick(event) {
  const button = event.target.closest("button");
  const article = button?.closest(".message");
  if (!article) return;
  const message = state.messages[Number(article.dataset.index)];
  if (button.classList.contains("citation-chip")) openPassage(message, Number(button.dataset.n), button);
  else if (button.classList.contains("copy")) copyAnswer(message, button);
}

/** The message an article shows; an answer kept from before feedback existed takes its question from the turn before. */
function messageOf(article) {
  const index = Number(article.dataset.index);
  const message = state.messages[index];
  if (message.role === "assistant" && !message.question) message.question = state.messages[index - 1]?.text || "";
  return message;
}

function onExampleClick(event) {
  const example = event.target.closest(".example");
  if (!example || state.controller) return;
  ui.question.value = example.textContent.trim();
  ui.form.requestSubmit();
}

/** Keep the conversation's scroll position while another view is shown, and put it back. */
export function leaveChat() {
  state.scroll = ui.scroller.scrollTop;
}

export function returnToChat() {
  ui.scroller.scrollTop = state.scroll ?? ui.scroller.scrollHeight;
}

export function showNewConversation(shown) {
  ui.newConversation.hidden = !shown;
}

/** The plans changed: the document filter reads them again. */
export function documentsChanged() {
  forgetDocuments();
  loadDocuments();
}

export function passageOpen() {
  return passagePanel.isOpen;
}

export function startChat() {
  ui.form.addEventListener("submit", onSubmit);
  ui.question.addEventListener("keydown", onQuestionKey);
  ui.question.addEventListener("input", autoGrow);
  ui.messages.addEventListener("click", onMessagesClick);
  startFeedback(ui.messages, messageOf, saveConversation);
  ui.emptyState.addEventListener("click", onExampleClick);
  ui.newConversation.addEventListener("click", newConversation);
  ui.filters.addEventListener("change", updateFilterSummary);
  ui.clearFilters.addEventListener("click", clearFilters);
  state.messages = loadConversation();
  renderConversation();
  loadDocuments();
  checkHealth();
}
