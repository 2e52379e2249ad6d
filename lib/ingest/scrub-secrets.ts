// Values under keys that look secret become "[Filtered]" before anything is stored, at
// any depth of payload/detail. Keys are compared case-insensitively with separators
// removed ("API-Key", "api_key", "apiKey" are one key) and match when they contain a
// listed word: "password" catches "dbPassword", "token" catches "refresh_token".

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
    if (key === "" || Array.isArray(this)) return value;
    let secret = cache.get(key);
    if (secret === undefined) {
      secret = isSecretKey(key, list);
      if (cache.size < 1_000) cache.set(key, secret);
    }
    return secret ? FILTERED : value;
  };
}
