// One server process of `npm start` (a worker of scripts/start.mjs): Next.js's own server
// (`next start`'s, through its custom-server API) behind a front gate. Before Next.js
// routes a request, the gate the app installed when it started (lib/http/front-gate.ts)
// may answer it: ingestion refused under load (503) or from an address sending unknown keys
// (429) is answered here instead of through Next.js's routing (~1.9 ms of the event loop
// each), so clients that resend at once cannot keep every page waiting
// (docs/security.md). The gate never reads a body, and a client that asked to wait
// (`Expect: 100-continue`) is refused before it sends one; everything the gate does not
// refuse goes to Next.js unchanged.
// It listens on PORT (default 3000) on every interface, as `next start` does.
import http from "node:http";

process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT || 3000);
const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

async function send(res, response) {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "Content-Length": String(body.length) });
  res.end(body);
}

// Without TRUST_PROXY no proxy is in front: the client is the connection's peer. Next.js
// keeps an X-Forwarded-For the client wrote itself (it fills the header only when absent),
// and the per-address limits (sign-in, failed ingest keys) read it, so a client could be
// anyone it liked; here the header is always the peer's address. With TRUST_PROXY the
// header is the proxies' (lib/auth/client-address.ts walks it).
const trustsProxies = (process.env.TRUST_PROXY ?? "").split(",").some((entry) => entry.trim() !== "");

let stopping = false;

// `continued`: a request that sent `Expect: 100-continue` and waits for the go-ahead before
// its body. It gets `100 Continue` only once the gate lets it through; a refused one is
// answered at once, so its client never sends the body (and the connection closes after
// the answer, Node's rule for a 100-continue request that was not continued).
function serve(req, res, continued) {
  if (!trustsProxies) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  // Stopping: the connection closes after this answer instead of idling to its keep-alive timeout.
  if (stopping) res.setHeader("Connection", "close");
  const pass = () => {
    if (continued) res.writeContinue();
    return handle(req, res);
  };
  let refusal = null;
  try {
    refusal = globalThis.__logdeckFrontGate?.(req) ?? null;
  } catch (error) {
    console.error("logdeck: the front gate failed; the request goes to Next.js", error);
  }
  if (!refusal) return void pass();
  refusal.then(
    (response) => (response ? send(res, response) : pass()),
    (error) => {
      console.error("logdeck: the front gate failed; the request goes to Next.js", error);
      return pass();
    },
  );
}

// A search of 10,000 characters (the query language's limit) takes up to 90 KB of URL once
// percent-encoded (9 bytes a CJK character); Node reads 16 KB of request line and headers
// by default and answered such a search with an empty 431.
const MAX_HEADER_BYTES = 128 * 1024;

const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => serve(req, res, false));

// What Node answers by itself, before any route, to a request it cannot read: in the one
// error body (Node sends a bare status line), and saying what to change.
const CLIENT_ERRORS = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "headers_too_large", `The request's URL and headers are larger than ${MAX_HEADER_BYTES / 1024} KiB: shorten the URL (a long search query), or clear this site's cookies.`],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "Payload Too Large", "payload_too_large", "The body's chunk extensions are too large."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "request_timeout", "The request took too long to arrive; send it again."],
};
server.on("clientError", (error, socket) => {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const [status, reason, code, message] = CLIENT_ERRORS[error.code] ?? [400, "Bad Request", "bad_request", "The request is not valid HTTP/1.1."];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
});
// Without this listener Node answers `100 Continue` before any handler runs.
server.on("checkContinue", (req, res) => serve(req, res, true));
// logdeck serves no WebSockets. Next.js would leave an upgrade request's socket open for
// good (one file descriptor each, never freed): refuse and close it.
server.on("upgrade", (_req, socket) => {
  socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 29\r\n\r\nThis server has no WebSockets");
  setTimeout(() => socket.destroy(), 1_000).unref();
});

server.listen(port, () => console.log(`logdeck: server ${process.pid} listening on port ${port}`));

// SIGTERM/SIGINT (from scripts/start.mjs, systemd, Kubernetes; often twice, from the
// supervisor and to the whole process group): stop accepting, let the requests in
// progress finish (at most 10 s), then exit.
for (const name of ["SIGTERM", "SIGINT"]) {
  process.on(name, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
