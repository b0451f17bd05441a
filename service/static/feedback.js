/* Arrimage page: 👍 / 👎 under each answer, then an optional comment, sent to POST /feedback with the question,
   the answer, its citations and the answerer; "Merci" once it is stored. No token: staff on the chat page
   have none (the service bounds every size instead). */

import { ApiError, errorFromResponse, failureText } from "./api.js";
import { announce, h } from "./dom.js";

// What POST /feedback accepts (service/schemas.py: MAX_COMMENT_CHARS).
const COMMENT_CHARS = 2000;
// The emoji with a word: the word names the button, and still shows where no emoji font is installed.
const RATINGS = { up: ["👍", "Oui", "Réponse utile"], down: ["👎", "Non", "Réponse pas utile"] };
const THANKS = "Merci pour votre avis.";

/** The feedback row of a finished answer: the two buttons, or the thanks when it was already given. */
export function feedbackBlock(message) {
  if (message.feedback) return h("p", { class: "feedback-done" }, THANKS);
  return h("div", { class: "feedback", role: "group", "aria-label": "Votre avis sur cette réponse" },
    h("span", { class: "feedback-label" }, "Cette réponse vous aide-t-elle ?"),
    ...Object.entries(RATINGS).map(([rating, [emoji, word, title]]) => h("button", {
      type: "button", class: "button secondary small feedback-button", "data-rating": rating, "aria-pressed": "false", title },
      h("span", { class: "feedback-emoji", "aria-hidden": "true" }, emoji), ` ${word}`)));
}

function commentForm(id) {
  return h("form", { class: "feedback-form" },
    h("label", { for: id }, "Un commentaire ? (facultatif)"),
    h("textarea", { id, class: "feedback-comment", rows: "2", maxlength: String(COMMENT_CHARS) }),
    h("p", { class: "feedback-actions" },
      h("button", { type: "submit", class: "button primary small feedback-send" }, "Envoyer"),
      h("button", { type: "button", class: "button secondary small feedback-cancel" }, "Annuler")),
    h("p", { class: "feedback-status", role: "status" }));
}

let forms = 0;

function choose(block, button) {
  block.querySelectorAll(".feedback-button").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
  let form = block.querySelector(".feedback-form");
  if (!form) {
    form = commentForm(`feedback-comment-${++forms}`);
    block.append(form);
  }
  form.querySelector("textarea").focus();
}

function cancel(block) {
  block.querySelector(".feedback-form")?.remove();
  const pressed = block.querySelector(".feedback-button[aria-pressed=true]");
  block.querySelectorAll(".feedback-button").forEach((b) => b.setAttribute("aria-pressed", "false"));
  pressed?.focus();
}

/** The body of POST /feedback: the citations as /ask gave them, less the passages' whole text. */
function feedbackBody(message, rating, comment) {
  return {
    question: message.question,
    answer: message.answer,
    citations: (message.citations || []).map(({ text: _passage, ...citation }) => citation),
    rating,
    comment,
    answerer: message.answerer || "",
  };
}

async function send(block, message, onSent) {
  const form = block.querySelector(".feedback-form");
  const rating = block.querySelector(".feedback-button[aria-pressed=true]")?.dataset.rating;
  if (!form || !rating) return;
  const status = form.querySelector(".feedback-status");
  const controls = [...block.querySelectorAll("button, textarea")];
  controls.forEach((control) => { control.disabled = true; });
  status.classList.remove("error-text");
  status.textContent = "Envoi…";
  try {
    const response = await fetch("/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(feedbackBody(message, rating, form.querySelector("textarea").value.trim())),
    });
    if (!response.ok) throw new ApiError(await errorFromResponse(response));
  } catch (error) {
    controls.forEach((control) => { control.disabled = false; });
    status.textContent = `L’avis n’a pas été enregistré. ${failureText(error)}`;
    status.classList.add("error-text");
    return;
  }
  message.feedback = rating;
  const done = feedbackBlock(message);
  block.replaceWith(done);
  announce(THANKS);
  onSent();
}

/** Handle the feedback rows of the conversation: ``messageOf(article)`` gives an answer's message, ``onSent``
    keeps the conversation once a feedback is stored (so that a reload shows the thanks, not the buttons). */
export function startFeedback(container, messageOf, onSent) {
  container.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    const block = button?.closest(".feedback");
    if (!block) return;
    if (button.classList.contains("feedback-button")) choose(block, button);
    else if (button.classList.contains("feedback-cancel")) cancel(block);
  });
  container.addEventListener("submit", (event) => {
    const block = event.target.closest(".feedback");
    if (!block) return;
    event.preventDefault();
    send(block, messageOf(block.closest(".message")), onSent);
  });
}
