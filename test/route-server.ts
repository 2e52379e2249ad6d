// A real HTTP server on a loopback port in front of route handlers, in-process: so real,
// unmodified clients (OpenTelemetry exporters, Sentry SDKs) talk HTTP to logdeck's own
// handlers. Paths are matched by a pattern each; [name] segments become params.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteModule = Partial<Record<"GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS", Handler>>;

export interface RouteServer {
  url: string;
  /** Every request body received, by path, as sent (still compressed). */
  bodies: Map<string, Buffer[]>;
  close: () => Promise<void>;
}

export async function startRouteServer(routes: Record<string, RouteModule>): Promise<RouteServer> {
  const compiled = Object.entries(routes).map(([pattern, module]) => {
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/\[(\w+)\]/g, (_, name: string) => (names.push(name), "([^/]+)"))}/?$`);
    return { regex, names, module };
  });
  const bodies = new Map<string, Buffer[]>();
  const server: Server = createServer((req, res) => {
    void handle(req).then(
      async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
      (error) => {
        res.writeHead(599);
        res.end(String(error));
      },
    );
  });
  async function handle(req: IncomingMessage): Promise<Response> {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (!bodies.has(url.pathname)) bodies.set(url.pathname, []);
    bodies.get(url.pathname)!.push(body);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, {
      method: req.method,
      headers,
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: Readable.toWeb(Readable.from([body])) as ReadableStream, duplex: "half" }),
    } as RequestInit);
    for (const { regex, names, module } of compiled) {
      const match = regex.exec(url.pathname);
      if (!match) continue;
      const handler = module[req.method as keyof RouteModule];
      if (!handler) return new Response("no handler", { status: 599 });
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      return handler(request, { params: Promise.resolve(params) });
    }
    return new Response("no route", { status: 598 });
  }
  // Idle keep-alive sockets are closed soon, so a client in a worker thread (pino's
  // transport) can exit once it has sent everything.
  server.keepAliveTimeout = 200;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
