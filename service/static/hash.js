/* Arrimage page: the view a URL hash names (#alignement). No DOM here, so that it can be tested alone. */

/** The name in ``hash`` when it is one of ``names``; null for any other hash, a malformed one included
    ("#%E0%A4%A" is no view: decodeURIComponent's URIError is not let out). */
export function viewNamed(hash, names) {
  let name;
  try {
    name = decodeURIComponent(hash.replace(/^#/, ""));
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
  return names.includes(name) ? name : null;
}
