// Where to send a user after signing in: a path on this site, or "/". Never an open
// redirect, and never a value a Location header cannot carry: Node refuses a header
// holding DEL or any character past U+00FF (ERR_INVALID_CHAR, a 500), so the path is
// re-serialised by the WHATWG URL parser, which percent-encodes them.
const BASE = "http://logdeck.invalid";

/** `next` if it is a path on this site, else "/"; percent-encoded so any header can hold it. */
export function safeRedirectPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2048 || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Control characters (C0, DEL, C1) and the line/paragraph separators are no part of a path anyone typed.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  // The parser reads "\" as "/" and resolves dot segments: it must still be our origin.
  // "/.//x" resolves to "//x", which a browser reads as another host.
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path === "/login" || path.startsWith("/login/") || path.startsWith("/login?") || path.startsWith("/login#")) return "/";
  // Belt and braces: what leaves here is plain printable ASCII.
  return /^[\u0021-\u007e]*$/.test(path) ? path : "/";
}
