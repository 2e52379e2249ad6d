// Values under keys that look secret become "[Filtered]" before anything is stored, at
// any depth of payload/detail. Keys are compared case-insensitively with separators
// removed ("API-Key", "api_key", "apiKey" are one key) and match when they contain a
// listed word: "password" catches "dbPassword", "token" catches "refresh_token".
// Credentials inside text are filtered too, wherever they are (payload and detail
// strings, message, stack, endpoint): a URL's password (postgresql://user:[Filtered]@host),
// a bearer token (Bearer [Filtered]), a secret query parameter (?token=[Filtered], and
// token=[Filtered] at the start of the text: a query string or form body on its own), a
// Sentry key (sentry-public_key=[Filtered] in baggage, sentry_key=[Filtered] in
// X-Sentry-Auth), and a logdeck ingest key wherever it is (ldk_… → [Filtered]): the
// Sentry SDKs carry the DSN's key, which is an ingest key, to every service they call.
// A [name, value] pair list (Sentry's other form of headers, cookies, query_string) has
// the value of a secret-named pair filtered, as an object's key would.

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
  const isSecret = (key: string) => {
    let secret = cache.get(key);
    if (secret === undefined) {
      secret = isSecretKey(key, list);
      if (cache.size < 1_000) cache.set(key, secret);
    }
    return secret;
  };
  const scrubValue = (value: unknown) => (typeof value === "string" ? scrubSecretValues(value) : Array.isArray(value) ? scrubPairList(value, isSecret) : value);
  return function scrub(this: unknown, key: string, value: unknown) {
    // Array elements have numeric keys and the root has "": neither is ever a secret name.
    if (key === "" || Array.isArray(this)) return scrubValue(value);
    return isSecret(key) ? FILTERED : scrubValue(value);
  };
}

/** Whether `value` is a [name, value] pair, as the elements of Sentry's pair lists are. */
const isNamedPair = (value: unknown): value is [string, unknown] => Array.isArray(value) && value.length === 2 && typeof value[0] === "string";

/**
 * A list of [name, value] pairs (Sentry's form of headers, cookies and query_string
 * besides an object) with the value of each secret-named pair filtered; any other array
 * as it is. Only whole lists of pairs: a lone ["session", "start"] is as likely a list of
 * words.
 */
function scrubPairList(list: unknown[], isSecret: (key: string) => boolean): unknown[] {
  if (list.length === 0 || !list.every(isNamedPair) || !list.some(([name]) => isSecret(name))) return list;
  return list.map((pair) => (isSecret(pair[0]) ? [pair[0], FILTERED] : pair));
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
// The key of a Sentry DSN, as the SDKs write it into the baggage header they send to the
// services they call (sentry-public_key=…) and into X-Sentry-Auth (sentry_key=…): with
// logdeck, an ingest key, whatever its form (INGEST_KEYS may hold any).
const SENTRY_KEY = String.raw`\b(sentry[-_](?:public_)?key=)[^\s,;&"']+`;
// A logdeck ingest key: "ldk_" and 43 letters and digits (create-ingest-key.ts; keys made
// before were base64url, so "-" and "_" too), or most of one, cut short. Wherever it is —
// inside a header, a URL, Bearer%20ldk_… — so no boundary before it. The lists' prefix
// (ldk_ and 8 characters) is not secret and is left alone.
const INGEST_KEY = String.raw`()ldk_[a-z0-9_-]{32,}`;
const PATTERNS = [AUTH_HEADER, BEARER, URL_PASSWORD, SENTRY_KEY, INGEST_KEY].map((source) => new RegExp(source, "gi"));
const ANY_SECRET_VALUE = new RegExp(PATTERNS.map((p) => p.source).join("|"), "i");
// Every query parameter; its name is judged by SECRET_PARAM_NAME. The start of the text
// is a parameter's start too: a query string or form body sent on its own
// ("password=hunter2&x=1", Sentry's request.query_string). Names are bounded so that no
// text makes the search backtrack far.
const QUERY_PARAM = /((?:^|[?&;])([a-z0-9_.-]{1,64})=)[^&#\s"']+/gi;
// At the start of the text, only a name that says secret: "key=orders:42 evicted" is a
// log line more often than a query string ("?key=" still counts).
const BARE_PARAM_NAME = /^(?:key|sig|auth)$/i;

function isSecretParam(head: string, name: string): boolean {
  return SECRET_PARAM_NAME.test(name) && (/^[?&;]/.test(head) || !BARE_PARAM_NAME.test(name));
}

function hasSecretQueryParam(text: string): boolean {
  if (!/(?:^|[?&;])[a-z0-9_.-]{1,64}=/i.test(text)) return false;
  for (const match of text.matchAll(QUERY_PARAM)) if (isSecretParam(match[1]!, match[2]!)) return true;
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
  return scrubbed.replace(QUERY_PARAM, (whole, head: string, name: string) => (isSecretParam(head, name) ? `${head}${FILTERED}` : whole));
}
