// Values under keys that look secret become "[Filtered]" before anything is stored, at
// any depth of payload/detail. Keys are compared case-insensitively with separators
// removed ("API-Key", "api_key", "apiKey" are one key) and match when they contain a
// listed word: "password" catches "dbPassword", "token" catches "refresh_token".
// Credentials inside text are filtered too, wherever they are (payload and detail
// strings, message, stack, endpoint): a URL's password (postgresql://user:[Filtered]@host),
// a bearer token (Bearer [Filtered]), a secret query parameter (?token=[Filtered]).

export const FILTERED = "[Filtered]";

export const DEFAULT_SCRUB_KEYS = [
  "password",
  "passwd",
  "pwd",
  "secret",
  "token",
  "authorization",
  "cookie",
  "session",
  "apikey",
  "privatekey",
  "credential",
  "creditcard",
  "cardnumber",
  "cvv",
] as const;

const normalize = (key: string) => key.toLowerCase().replace(/[\s_\-.]/g, "");

export function isSecretKey(key: string, words: readonly string[] = DEFAULT_SCRUB_KEYS): boolean {
  const normalized = normalize(key);
  return words.some((word) => normalized.includes(normalize(word)));
}

/** A JSON.stringify replacer that filters secret-looking keys, for the given word list. */
export function createSecretScrubber(words: readonly string[] = DEFAULT_SCRUB_KEYS): (this: unknown, key: string, value: unknown) => unknown {
  const list = words.map(normalize).filter(Boolean);
  const cache = new Map<string, boolean>();
  return function scrub(this: unknown, key: string, value: unknown) {
    // Array elements have numeric keys and the root has "": neither is ever a secret name.
    if (key === "" || Array.isArray(this)) return typeof value === "string" ? scrubSecretValues(value) : value;
    let secret = cache.get(key);
    if (secret === undefined) {
      secret = isSecretKey(key, list);
      if (cache.size < 1_000) cache.set(key, secret);
    }
    if (secret) return FILTERED;
    return typeof value === "string" ? scrubSecretValues(value) : value;
  };
}

// A query parameter whose name holds one of these (case-insensitive), or is exactly
// key, sig or auth: "?accessToken=", "&x-api-key=", "?key=" (logdeck's own sendBeacon form).
const SECRET_PARAM_NAME = /token|secret|passw(?:or)?d|pwd|api[_-]?key|signature|credential|session|^(?:key|sig|auth)$/i;
// An Authorization header's credentials, whatever the scheme (Bearer, Basic, ApiKey,
// AWS4-HMAC-SHA256 Credential=…, Negotiate, none), to the end of the line (or a quote or
// closing parenthesis: the header quoted inside other text).
const AUTH_HEADER = String.raw`\b((?:proxy-)?authorization:[ \t]*(?:[a-z][a-z0-9._-]*[ \t]+)?)[^\s"')][^\r\n"')]{3,}`;
// A bare "Bearer x" only when x is a run of token characters holding a digit ("bearer of
// the bond" is prose).
const BEARER = String.raw`\b(bearer\s+)(?=[a-z0-9._~+/=-]*\d)[a-z0-9._~+/=-]{8,}`;
// A URL's password: after "//user:" (the user may be empty, as in redis://:pw@host) up to
// the last "@" before the host, so a password holding "@" goes whole.
const URL_PASSWORD = String.raw`(\/\/[^\s/@:]*:)[^\s/]*[^\s/@](?=@[^\s/?#@]*(?:[\s/?#"'),;]|$))`;
const PATTERNS = [AUTH_HEADER, BEARER, URL_PASSWORD].map((source) => new RegExp(source, "gi"));
const ANY_SECRET_VALUE = new RegExp(PATTERNS.map((p) => p.source).join("|"), "i");
// Every query parameter; its name is judged by SECRET_PARAM_NAME. Names are bounded so
// that no text makes the search backtrack far.
const QUERY_PARAM = /([?&;]([a-z0-9_.-]{1,64})=)[^&#\s"']+/gi;

function hasSecretQueryParam(text: string): boolean {
  if (!/[?&;][a-z0-9_.-]{1,64}=/i.test(text)) return false;
  for (const match of text.matchAll(QUERY_PARAM)) if (SECRET_PARAM_NAME.test(match[2]!)) return true;
  return false;
}

/** Whether `text` holds a credential scrubSecretValues would filter (a cheap test first). */
export function hasSecretValue(text: string): boolean {
  return text.length >= 6 && (ANY_SECRET_VALUE.test(text) || hasSecretQueryParam(text));
}

/** `text` with the credentials inside it replaced by [Filtered]. */
export function scrubSecretValues(text: string): string {
  if (!hasSecretValue(text)) return text;
  let scrubbed = text;
  for (const pattern of PATTERNS) scrubbed = scrubbed.replace(pattern, `$1${FILTERED}`);
  return scrubbed.replace(QUERY_PARAM, (whole, head: string, name: string) => (SECRET_PARAM_NAME.test(name) ? `${head}${FILTERED}` : whole));
}
