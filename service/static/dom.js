/* Arrimage page: DOM helpers shared by the views. */

export const byId = (id) => document.getElementById(id);

/** Create an element; attributes are set with setAttribute and children appended as nodes or text. */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

export const LEVEL_LABELS = { institutional: "institutionnel", ministerial: "ministériel", regional: "régional" };

export const NARROW = window.matchMedia("(max-width: 760px)");

/** Say ``text`` to screen readers (the page's live region). */
export function announce(text) {
  const announcer = byId("announcer");
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}
