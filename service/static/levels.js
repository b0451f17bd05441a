/** A plan's own level words as the upload form takes them ("Pilier = axe, Engagement = objectif") → the `structure`
 * JSON of POST /documents ({"words": {"pilier": "axe", "engagement": "objectif"}}), or "" when none is given. A pair
 * without "=" or ":" is sent as it is, for the server to name what is wrong. */
export function structureFromWords(text) {
  const words = {};
  for (const pair of String(text || "").split(/[,;\n]/)) {
    if (!pair.trim()) continue;
    const [word, kind] = pair.split(/[=:]/, 2).map((part) => (part || "").trim().toLowerCase());
    words[word] = kind;
  }
  return Object.keys(words).length ? JSON.stringify({ words }) : "";
}
