/* Arrimage page: the three views (Questions, Alignement, Plans), their tabs and the URL hash that names them. */

import { alignmentChanged, closeEvidence, evidenceOpen, startAlignment, startAlignmentView } from "./alignment.js";
import { closePassage, documentsChanged, leaveChat, passageOpen, returnToChat, showNewConversation, startChat } from "./chat.js";
import { byId } from "./dom.js";
import { viewNamed } from "./hash.js";
import { showPlans, startPlans } from "./plans.js";

let current = null;

/* ---- views: "Questions" and "Alignement" ---------------------------------------------------------------- */

const VIEWS = {
  questions: {
    tab: byId("tab-questions"),
    panel: byId("questions"),
    skip: ["#question", "Aller à la question"],
    title: "Arrimage — questions sur les plans québécois",
  },
  alignement: {
    tab: byId("tab-alignement"),
    panel: byId("alignement"),
    skip: ["#alignement", "Aller à l’alignement"],
    title: "Arrimage — alignement sur un plan ministériel",
  },
  plans: {
    tab: byId("tab-plans"),
    panel: byId("plans"),
    skip: ["#plans", "Aller aux plans"],
    title: "Arrimage — plans indexés",
  },
};
const skipLink = byId("skip-link");

/** The view named by the URL hash (#alignement), or null when the hash names none (then the view is kept). */
function viewFromHash() {
  return viewNamed(window.location.hash, Object.keys(VIEWS));
}

function showView(name, { focus = false } = {}) {
  const previous = current;
  if (previous === "questions" && name !== "questions") leaveChat();
  current = name;
  for (const [key, view] of Object.entries(VIEWS)) {
    const selected = key === name;
    view.tab.setAttribute("aria-selected", String(selected));
    view.tab.tabIndex = selected ? 0 : -1;
    view.panel.hidden = !selected;
  }
  showNewConversation(name === "questions");
  skipLink.setAttribute("href", VIEWS[name].skip[0]);
  skipLink.textContent = VIEWS[name].skip[1];
  document.title = VIEWS[name].title;
  if ((viewFromHash() || "questions") !== name) {
    const hash = name === "questions" ? "" : `#${name}`;
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}${hash}`);
  }
  if (name === "plans") {
    closePassage();
    closeEvidence();
    showPlans();
  } else if (name === "alignement") {
    closePassage();
    startAlignmentView();
  } else {
    closeEvidence();
    if (previous && previous !== name) returnToChat();
  }
  if (focus) VIEWS[name].tab.focus();
}

function onTabKey(event) {
  const tabs = Object.values(VIEWS).map((view) => view.tab);
  const index = tabs.indexOf(event.currentTarget);
  const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  showView(tabs[(next + tabs.length) % tabs.length].dataset.view, { focus: true });
}

/** A plan was added or removed: the filters and the alignment view read the plans again. */
function plansChanged() {
  documentsChanged();
  alignmentChanged();
}

function start() {
  Object.values(VIEWS).forEach((view) => {
    view.tab.addEventListener("click", () => showView(view.tab.dataset.view));
    view.tab.addEventListener("keydown", onTabKey);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (passageOpen()) {
      event.preventDefault();
      closePassage();
    } else if (evidenceOpen()) {
      event.preventDefault();
      closeEvidence();
    }
  });
  startChat();
  startAlignment();
  startPlans(plansChanged);
  showView(viewFromHash() || "questions", { focus: false });
  window.addEventListener("hashchange", () => {
    const view = viewFromHash();
    if (view) showView(view, { focus: false });
  });
}

start();
