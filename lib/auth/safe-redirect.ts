/** `next` if it is a path on this site, else "/": never an open redirect. */
export function safeRedirectPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(next) || next.startsWith("/login")) return "/";
  return next;
}
