// CORS_ORIGINS entries, read once at start-up. Browsers send `Origin` serialized:
// lower-case scheme and host, no default port, no path. So an entry is reduced to that same
// form (`HTTPS://App.Example:443/` → `https://app.example`), and one that could never equal
// what a browser sends (a path, a query, credentials, another scheme, a wildcard pattern) is
// refused with the reason, rather than accepted and silently never matching.

/** `*`, or the origin `scheme://host[:port]` as a browser would send it. */
export type CorsOriginEntry = { ok: true; origin: string } | { ok: false; reason: string };

export function parseCorsOrigin(entry: string): CorsOriginEntry {
  if (entry === "*") return { ok: true, origin: "*" };
  const refuse = (why: string): CorsOriginEntry => ({ ok: false, reason: `CORS_ORIGINS entry "${entry}" ${why}; list origins as scheme://host[:port] (e.g. https://app.example.com), or * for any origin` });
  // Patterns are not supported: a browser never sends "*", so such an entry would match nothing.
  if (entry.includes("*")) return refuse("has a wildcard (only a lone * is supported: list each origin)");
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(entry)) return refuse("is not an origin (it must start with http:// or https://)");
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return refuse("is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return refuse(`has the scheme "${url.protocol.slice(0, -1)}" (only http and https are origins browsers send here)`);
  if (url.username || url.password || /^[^/]*\/\/[^/?#]*@/.test(entry)) return refuse("has credentials (user:password@)");
  // The URL parser turns "https://a.example" and "https://a.example/" into the path "/";
  // anything longer, and any ? or #, even empty, is more than an origin.
  if (url.pathname !== "/" || /^[^/]*\/\/[^/?#]*\/[^?#]/.test(entry)) return refuse("has a path");
  if (entry.includes("?")) return refuse("has a query");
  if (entry.includes("#")) return refuse("has a fragment");
  return { ok: true, origin: url.origin };
}

/** The origin a request's `Origin` header names, in the same form, or null ("null", garbage). */
export function normalizeRequestOrigin(header: string): string | null {
  const parsed = parseCorsOrigin(header);
  return parsed.ok && parsed.origin !== "*" ? parsed.origin : null;
}
