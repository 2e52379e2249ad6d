// Reads a request body as JSON, refusing early and cheaply: a wrong content type or
// content coding (415), a body over the size limit — announced by Content-Length or found
// while streaming, never buffered whole first (413) — compressed data that does not
// decompress, bytes that are not UTF-8, nesting deeper than the limit, and text that is
// not JSON (400). Log shippers (Vector, Fluent Bit, OpenTelemetry) send gzip: gzip and
// deflate bodies are decompressed as they stream in, the limit counting the bytes that
// come out, so a small "zip bomb" stops at the limit. A body that trickles in is cut off
// at a deadline (408), so slow clients cannot hold requests open for minutes.
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { parseJsonExactly } from "@/lib/format/exact-json";
import { AppError } from "@/lib/http/app-error";
import { measureJsonDepth } from "./measure-json-depth";
import { collectAtMost } from "@/lib/http/limit-request-body";

const ACCEPTED_TYPES = new Set(["application/json", "text/plain"]);

export function assertJsonContentType(request: Request): void {
  const header = request.headers.get("content-type");
  const [type = "", ...params] = (header ?? "").split(";").map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  if (!ACCEPTED_TYPES.has(type)) {
    throw new AppError(
      "unsupported_media_type",
      header
        ? `Content-Type "${header.slice(0, 100)}" is not accepted; send application/json, or text/plain holding JSON.`
        : "Content-Type is missing; send application/json, or text/plain holding JSON.",
    );
  }
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new AppError("unsupported_media_type", `charset "${charset.slice(0, 40)}" is not accepted; the body must be UTF-8.`);
  }
}

// The content codings we decode (RFC 9110 §8.4.1: x-gzip is gzip; HTTP's "deflate" is the
// zlib format, not raw deflate).
// Brotli ("br") only where a caller asks for it: Sentry's SDKs send it; the JSON API and
// OTLP document gzip and deflate.
type Compression = "gzip" | "deflate" | "br";
const DECODERS: Record<string, Compression> = { gzip: "gzip", "x-gzip": "gzip", deflate: "deflate" };

/** How the body is compressed: null for none (absent or identity); 415 for what we do not decode. */
export function contentEncoding(request: Request, { brotli = false } = {}): { name: string; format: Compression } | null {
  const header = request.headers.get("content-encoding");
  if (header === null) return null;
  const codings = header
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length === 0) return null;
  const format = codings.length === 1 ? (brotli && codings[0] === "br" ? "br" : DECODERS[codings[0]!]) : undefined;
  if (!format) {
    throw new AppError("unsupported_media_type", `Content-Encoding "${header.slice(0, 100)}" is not accepted; send the body uncompressed, or compressed with gzip or deflate${brotli ? " or br" : ""}.`);
  }
  return { name: codings[0]!, format };
}

function tooLarge(maxBytes: number, limit: string, decompressed = false): AppError {
  const what = decompressed ? "The body, decompressed," : "The body";
  return new AppError("payload_too_large", `${what} is larger than ${maxBytes} bytes (${limit}).`, {
    details: [{ message: `${decompressed ? "decompressed body" : "body"} exceeds ${maxBytes} bytes`, limit }],
  });
}

const unreadable = (cause: unknown) => new AppError("bad_request", "The request body could not be read.", { cause });

/**
 * The body's bytes, at most `maxBytes` of them (decompressed, when it is): 413 as soon as
 * there are more; 408 when it has not all arrived `timeoutMs` after reading began.
 */
export async function readBodyBytes(
  request: Request,
  maxBytes: number,
  timeoutMs = Infinity,
  { limit = "INGEST_MAX_BODY_BYTES", brotli = false, onBytes }: { limit?: string; brotli?: boolean; onBytes?: ReadProgress } = {},
): Promise<Uint8Array> {
  const encoding = contentEncoding(request, { brotli });
  // Compressed or not, a body announced as larger than the limit is not read at all.
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes, limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const reading = encoding
    ? decompress(reader, encoding, maxBytes, limit, onBytes)
    : collectAtMost(reader, maxBytes, () => tooLarge(maxBytes, limit), onBytes);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    if (!Number.isFinite(timeoutMs)) return;
    timer = setTimeout(() => {
      reject(new AppError("request_timeout", `The body did not arrive within ${timeoutMs / 1000} s (INGEST_BODY_TIMEOUT_SECONDS); send it at once.`));
      reader.cancel().catch(() => {});
    }, timeoutMs);
  });
  // What the reader does after the deadline answered is of no interest.
  reading.catch(() => {});
  try {
    return await Promise.race([reading, deadline]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Told the bytes read so far (decompressed); may throw to stop reading (back-pressure's 503). */
export type ReadProgress = (totalBytes: number) => void;

/**
 * The decompressed body, at most `maxBytes` of it, through node:zlib in flowing mode: it
 * inflates in 16 KiB steps and stops at the next step once destroyed, so a zip bomb costs
 * the limit plus one step. (DecompressionStream takes all of its input before its output
 * is read, and inflates it all: 64 MiB for 64 KiB of zeros.) The compressed bytes are held
 * to the limit too.
 */
function decompress(reader: ReadableStreamDefaultReader<Uint8Array>, encoding: { name: string; format: Compression }, maxBytes: number, limit: string, onBytes?: ReadProgress): Promise<Uint8Array> {
  const inflater = encoding.format === "gzip" ? createGunzip() : encoding.format === "br" ? createBrotliDecompress() : createInflate();
  const chunks: Buffer[] = [];
  let total = 0;
  let settled = false;
  return new Promise<Uint8Array>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reader.cancel().catch(() => {});
      reject(error);
    };
    inflater.on("data", (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) return fail(tooLarge(maxBytes, limit, true));
      try {
        onBytes?.(total);
      } catch (error) {
        return fail(error);
      }
      chunks.push(chunk);
    });
    inflater.on("error", (error) => {
      fail(new AppError("invalid_encoding", `The body is not valid ${encoding.name} data (Content-Encoding: ${encoding.name}): it could not be decompressed.`, { cause: error }));
    });
    inflater.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, total));
    });
    void (async () => {
      let compressed = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (settled) return;
        if (done) return void inflater.end();
        compressed += value.byteLength;
        if (compressed > maxBytes) return fail(tooLarge(maxBytes, limit));
        // One chunk at a time: the next is read once zlib has inflated this one (or failed,
        // which settles), so no more of the body is taken than the limit needs.
        await new Promise<void>((resume) => inflater.write(value, () => resume()));
        if (settled) return;
      }
    })().catch((error: unknown) => fail(unreadable(error)));
  });
}

/** The parsed JSON body, or an AppError saying exactly why not. */
export async function readJsonBody(request: Request, { maxBytes, maxDepth, timeoutMs, onBytes }: { maxBytes: number; maxDepth: number; timeoutMs?: number; onBytes?: ReadProgress }): Promise<unknown> {
  assertJsonContentType(request);
  const bytes = await readBodyBytes(request, maxBytes, timeoutMs, { onBytes });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new AppError("invalid_encoding", "The body is not valid UTF-8.", { cause: error });
  }
  if (text.trim() === "") throw new AppError("invalid_json", "The body is empty; send a JSON object.");

  // The envelope ({"events": [ {item} ]}) takes 2 levels above an item, and an item 1
  // above its payload: allow those on top of the payload limit.
  const bodyDepthLimit = maxDepth + 3;
  if (measureJsonDepth(text, bodyDepthLimit) > bodyDepthLimit) {
    throw new AppError("payload_too_large", `The body nests deeper than ${maxDepth} levels (INGEST_MAX_DEPTH).`, {
      details: [{ message: `JSON nesting deeper than ${maxDepth} levels`, limit: "INGEST_MAX_DEPTH" }],
    });
  }
  try {
    // Exactly: a payload's 12345678901234567890 is stored as sent, not as a double.
    return parseJsonExactly(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message.slice(0, 200) : "unparseable";
    throw new AppError("invalid_json", `The body is not valid JSON: ${reason}`, { cause: error });
  }
}
