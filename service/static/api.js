/* Arrimage page: calling the service (JSON and server-sent events) and saying its errors in words. */

export class ApiError extends Error {}

export const ERROR_LABELS = {
  invalid_request: "La question n’a pas été acceptée",
  no_index: "Le service n’a pas encore d’index chargé",
  internal_error: "Erreur interne du service",
};

export async function fetchJson(url, options = {}) {
  const response = await fetch(url, options);
  if (!response.ok) throw new ApiError(await errorFromResponse(response));
  return response.json();
}

/** Read a text/event-stream body and call onEvent(name, parsedData) for each event, in order. */
export async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    buffer += done ? decoder.decode() + "\n\n" : decoder.decode(value, { stream: true });
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop();
    for (const block of blocks) {
      const event = parseEvent(block);
      if (event) onEvent(event.name, event.data);
    }
    if (done) return;
  }
}

export function parseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return data.length ? { name, data: JSON.parse(data.join("\n")) } : null;
}

export async function errorFromResponse(response) {
  try {
    const body = await response.json();
    if (body?.error) return errorText(body.error);
  } catch {
    // not JSON: fall through to the status
  }
  return `Le service a répondu par une erreur (HTTP ${response.status}).`;
}

export function errorText(error) {
  const lead = ERROR_LABELS[error?.code] || "Le service a signalé une erreur";
  return error?.message ? `${lead} : ${error.message}` : `${lead}.`;
}

export function failureText(error) {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "Le service est injoignable. Vérifiez la connexion puis réessayez.";
  if (error instanceof SyntaxError) return "La réponse du service est illisible.";
  return `Erreur inattendue : ${error.message}`;
}

/** The admin token of write requests, kept for the tab only; asked for when the tab has none. */
export const TOKEN_KEY = "arrimage.admin-token";

export function adminToken({ ask = true } = {}) {
  let token = sessionStorage.getItem(TOKEN_KEY) || "";
  if (!token && ask) {
    token = (window.prompt("Jeton d’administration (ARRIMAGE_ADMIN_TOKEN) :") || "").trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
  }
  return token;
}
