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

/** A side panel (a <dialog>): beside the page, or modal on a phone. It marks the button that opened it,
    closes on its close button or its backdrop, and gives the focus back to that button when it closes. */
export class SidePanel {
  constructor(dialog, closeButton, { canRefocus = () => true, ownsFocus = () => false } = {}) {
    this.dialog = dialog;
    this.closeButton = closeButton;
    this.canRefocus = canRefocus;
    this.ownsFocus = ownsFocus;
    this.opener = null;
    closeButton.addEventListener("click", () => this.close());
    dialog.addEventListener("close", () => this.closed());
    dialog.addEventListener("click", (event) => { if (event.target === dialog) this.close(); }); // the backdrop
  }

  get isOpen() {
    return this.dialog.open;
  }

  open(opener) {
    this.opener?.classList.remove("active");
    this.opener = opener;
    opener.classList.add("active");
    if (!this.dialog.open) {
      if (NARROW.matches) this.dialog.showModal();
      else this.dialog.show();
    }
    this.closeButton.focus({ preventScroll: true });
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  closed() {
    const opener = this.opener;
    this.opener = null;
    opener?.classList.remove("active");
    const active = document.activeElement;
    const focusLost = active === document.body || this.dialog.contains(active) || this.ownsFocus(active);
    if (opener?.isConnected && focusLost && this.canRefocus()) opener.focus();
  }
}
