// Every route handler that reads a body bounds it before reading: one announced as larger
// (Content-Length) is refused unread, one that streams past the bound is cut off there,
// so no request can make the server hold, or parse, more than the route needs. (Four
// concurrent 100 MB bodies to better-auth's sign-out ran the heap out: it parses first.)
import { AppError } from "./app-error";
import { toErrorResponse } from "./to-error-response";

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes, the most this endpoint accepts.`, {
    details: [{ message: `body exceeds ${maxBytes} bytes` }],
  });
}

/** The body's bytes, at most `maxBytes` of them: a 413 AppError as soon as there are more. */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  return (await collectAtMost(request.body.getReader(), maxBytes, () => tooLarge(maxBytes))) as Uint8Array<ArrayBuffer>;
}

/**
 * Everything the reader gives, at most `maxBytes` of it: `onTooLarge()` as soon as there is
 * more. `onBytes` is told the total after each chunk, and may throw to stop reading.
 */
export async function collectAtMost(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number, onTooLarge: () => Error, onBytes?: (totalBytes: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop reading: the rest of an oversized body is never held in memory.
      await reader.cancel().catch(() => {});
      throw onTooLarge();
    }
    try {
      onBytes?.(total);
    } catch (error) {
      await reader.cancel().catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text (invalid sequences replaced), at most `maxBytes` of it. */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readLimitedBody(request, maxBytes));
}

/**
 * The same request with its body read in full, at most `maxBytes`, for a handler that
 * reads it unbounded (a library's): 413 in the one error body shape otherwise.
 */
export async function toLimitedRequest(request: Request, maxBytes: number): Promise<Request | Response> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  try {
    const body = await readLimitedBody(request, maxBytes);
    return new Request(request, { body: body as Uint8Array<ArrayBuffer>, ...({ duplex: "half" } as RequestInit) });
  } catch (error) {
    return toErrorResponse(error);
  }
}
