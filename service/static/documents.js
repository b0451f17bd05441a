/* Arrimage page: the indexed documents, fetched once and shared by the views (GET /documents). */

import { ApiError, errorFromResponse } from "./api.js";

export const documents = new Map();
let load = null;

export function fetchDocuments() {
  load ||= (async () => {
    const response = await fetch("/documents");
    if (!response.ok) throw new ApiError(await errorFromResponse(response));
    const list = await response.json();
    list.forEach((doc) => documents.set(doc.doc_id, doc));
    return list;
  })().catch((error) => {
    load = null;
    throw error;
  });
  return load;
}

/** The plans changed: the next fetchDocuments asks the service again. */
export function forgetDocuments() {
  load = null;
  documents.clear();
}
