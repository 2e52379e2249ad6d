// Requests no route can answer, told apart from their request line alone: the front gate
// (lib/http/front-gate.ts) answers them with the one error body, where Next.js gave a bare
// 500 (`OPTIONS *`, TRACE, an API path that is not valid percent-encoded UTF-8).
import { AppError } from "./app-error";

/** The methods logdeck's routes and pages answer (others get 405 from the gate). */
export const KNOWN_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/** A request target's path: without its query or fragment. */
export function pathOf(url: string): string {
  return url.split(/[?#]/, 1)[0]!;
}

/** Whether a URL's path decodes (`%FF`, a lone `%`, an encoded surrogate do not). */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why no route can take this request, or null. Pages' paths are left to proxy.ts (its
 * answer for a browser is text); the API's and OTLP's are judged here.
 */
export function requestLineRefusal(method: string | undefined, url: string | undefined): AppError | null {
  if (!method || !KNOWN_METHODS.includes(method)) {
    return new AppError("method_not_allowed", `${String(method).slice(0, 20)} is not a method logdeck answers; allowed: ${KNOWN_METHODS.join(", ")}.`, { headers: { Allow: KNOWN_METHODS.join(", ") } });
  }
  if (url === "*") return new AppError("bad_request", "A request for * (the whole server) is not answered; name a path.");
  const pathname = pathOf(url ?? "");
  if (/^\/(?:api|v1)\//.test(pathname) && !isDecodablePath(pathname)) {
    return new AppError("bad_request", "The URL's path is not valid percent-encoded UTF-8.");
  }
  return null;
}
