// A Sentry envelope (https://develop.sentry.dev/sdk/envelopes/): a JSON header line, then
// items, each a JSON header line and a payload — `length` bytes when the header says so,
// else up to the next newline. A length that runs past the body, a header that is not a
// JSON object: 400, so nothing of a malformed envelope is stored.
import { AppError } from "@/lib/http/app-error";

export interface EnvelopeItem {
  type: string;
  header: Record<string, unknown>;
  payload: Uint8Array;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

const NEWLINE = 0x0a;
const MAX_ITEMS = 1_000;

export function parseEnvelope(bytes: Uint8Array): Envelope {
  let offset = 0;
  const line = (): Uint8Array => {
    const end = bytes.indexOf(NEWLINE, offset);
    const stop = end === -1 ? bytes.length : end;
    const slice = bytes.subarray(offset, stop);
    offset = end === -1 ? bytes.length : end + 1;
    return slice;
  };
  const header = jsonObject(line(), "The envelope's header");
  const items: EnvelopeItem[] = [];
  while (offset < bytes.length) {
    const headerBytes = line();
    if (headerBytes.length === 0) continue;
    if (items.length >= MAX_ITEMS) throw new AppError("payload_too_large", `The envelope holds more than ${MAX_ITEMS} items.`);
    const itemHeader = jsonObject(headerBytes, `Item ${items.length}'s header`);
    const { length } = itemHeader;
    let payload: Uint8Array;
    if (length === undefined || length === null) {
      payload = line();
    } else {
      if (typeof length !== "number" || !Number.isSafeInteger(length) || length < 0) {
        throw new AppError("bad_request", `Item ${items.length}'s length must be a whole number of bytes, not ${JSON.stringify(length).slice(0, 40)}.`);
      }
      if (offset + length > bytes.length) {
        throw new AppError("bad_request", `Item ${items.length} says it is ${length} bytes long, but only ${bytes.length - offset} bytes follow its header. Nothing was stored.`);
      }
      payload = bytes.subarray(offset, offset + length);
      offset += length;
      // The payload ends with a newline, or the envelope ends.
      if (offset < bytes.length) {
        if (bytes[offset] !== NEWLINE) throw new AppError("bad_request", `Item ${items.length}'s payload is not followed by a newline where its length says it ends. Nothing was stored.`);
        offset++;
      }
    }
    items.push({ type: typeof itemHeader.type === "string" ? itemHeader.type : "", header: itemHeader, payload });
  }
  return { header, items };
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A payload or header line as a JSON object: 400 naming it when it is not UTF-8 JSON holding an object. */
export function jsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new AppError("invalid_json", `${what} is not valid UTF-8 JSON: ${error instanceof Error ? error.message.slice(0, 200) : "unreadable"}. Nothing was stored.`, { cause: error });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new AppError("validation_failed", `${what} must be a JSON object. Nothing was stored.`);
  return value as Record<string, unknown>;
}
