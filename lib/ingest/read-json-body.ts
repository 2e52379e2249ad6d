// Reads a request body as JSON, refusing early and cheaply: a wrong content type (415),
// a body over the size limit — announced by Content-Length or found while streaming,
// never buffered whole first (413) — bytes that are not UTF-8, nesting deeper than the
// limit, and text that is not JSON (400).
import { AppError } from "@/lib/http/app-error";
import { measureJsonDepth } from "./measure-json-depth";

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

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes (INGEST_MAX_BODY_BYTES).`, {
    details: [{ message: `body exceeds ${maxBytes} bytes`, limit: "INGEST_MAX_BODY_BYTES" }],
  });
}

/** The body's bytes, at most `maxBytes` of them: 413 as soon as there are more. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Stop reading: the rest of an oversized body is never held in memory.
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The request body could not be read.", { cause: error });
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The parsed JSON body, or an AppError saying exactly why not. */
export async function readJsonBody(request: Request, { maxBytes, maxDepth }: { maxBytes: number; maxDepth: number }): Promise<unknown> {
  assertJsonContentType(request);
  const bytes = await readBodyBytes(request, maxBytes);
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
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message.slice(0, 200) : "unparseable";
    throw new AppError("invalid_json", `The body is not valid JSON: ${reason}`, { cause: error });
  }
}
