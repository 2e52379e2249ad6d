// JSON.stringify for what apps hand the client, except that a bigint (a 64-bit id, say)
// is written as the integer it is: logdeck stores numbers exactly, while JSON.stringify
// throws on a bigint. Other values that cannot be JSON (a circular structure) still throw.

// Stands in for a bigint's digits inside a string while JSON.stringify runs; the NUL
// (which JSON writes as \u0000 and logdeck refuses in stored text) and a random part
// keep it from matching anything an app could send.
const NONCE = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const MARK = `\u0000bigint${NONCE}:`;
const WRITTEN_MARK = new RegExp(`"\\\\u0000bigint${NONCE}:(-?\\d+)"`, "g");

export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Most likely a bigint (engines word the error differently): again, writing them out.
    const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${MARK}${v.toString()}` : v));
    return json.replace(WRITTEN_MARK, "$1");
  }
}
