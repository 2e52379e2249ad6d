// The one wrapper every route handler goes through: who may call it (auth), which methods
// it offers (the others: 405 with Allow in the one error body; OPTIONS: the truth, or a
// CORS preflight), browsers on other origins (CORS headers on every answer, errors too),
// and the one mapping from a thrown error to a response (toErrorResponse).
import { corsHeaders, preflightResponse, type CorsOptions } from "./cors-headers";
import { AppError } from "./app-error";
import { allowHeader, type RouteMethod } from "./method-not-allowed";
import { toErrorResponse } from "./to-error-response";

type Params = Record<string, string | string[] | undefined>;
export interface RouteContext<A> {
  /** What `auth` found (the ingest key's identity, the admin…). */
  auth: A;
  params: Params;
}
type Handler<A> = (request: Request, context: RouteContext<A>) => Response | Promise<Response>;
type NextHandler = (request: Request, context?: { params?: Promise<Params> }) => Promise<Response>;

export interface RouteCors {
  /** The allowed origins (CORS_ORIGINS), read when a request comes. */
  origins: () => readonly string[];
  allowHeaders: readonly string[];
  /** Response headers a browser app may read, besides Retry-After and Allow. */
  exposeHeaders?: readonly string[];
}

export interface RouteOptions<A> {
  /** The methods offered. HEAD follows GET. */
  methods: Partial<Record<"GET" | "POST" | "PUT" | "DELETE" | "PATCH", Handler<A>>>;
  /** Authenticates the request before the method runs (throws an AppError: 401, 403, 429). */
  auth: (request: Request) => A | Promise<A>;
  /** For routes browsers on other origins call: the ingestion API. */
  cors?: RouteCors;
  /** A protocol's own error body (OTLP's google.rpc.Status); default: the one error body. */
  renderError?: (error: unknown, request: Request, headers: Record<string, string>) => Response;
}

/** No credentials needed (health, the protocols' own auth in their handlers). */
export const publicRoute = (): null => null;

const ALL: RouteMethod[] = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/** Every method's export for a route file: `export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({…})`. */
export function defineRoute<A>(options: RouteOptions<A>): Record<RouteMethod, NextHandler> {
  const offered = Object.keys(options.methods) as RouteMethod[];
  const allow = allowHeader(offered);
  const cors = (request: Request): Record<string, string> => (options.cors ? routeCorsHeaders(request, options.cors, offered) : {});
  const wrap =
    (handler: Handler<A>): NextHandler =>
    async (request, context) => {
      const headers = cors(request);
      try {
        const params = (await context?.params) ?? {};
        const auth = await options.auth(request);
        let response = await handler(request, { auth, params });
        // HEAD runs GET, but Next.js neither sends nor cancels the body it returns: a
        // stream's end never came (an export's heavy-request slot was lost for good).
        if (request.method === "HEAD" && response.body) {
          await response.body.cancel();
          response = new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
        }
        for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
        return response;
      } catch (error) {
        return options.renderError ? options.renderError(error, request, headers) : toErrorResponse(error, headers);
      }
    };
  const notAllowed: NextHandler = async (request) =>
    toErrorResponse(new AppError("method_not_allowed", `${request.method.slice(0, 20)} is not allowed here; allowed: ${allow}.`), { ...cors(request), Allow: allow });
  const preflight: NextHandler = async (request) =>
    options.cors ? preflightResponse(request, corsOptions(options.cors, offered)) : new Response(null, { status: 204, headers: { Allow: allow } });

  const route = {} as Record<RouteMethod, NextHandler>;
  for (const method of ALL) {
    const handler = method === "HEAD" ? options.methods.GET : method === "OPTIONS" ? undefined : options.methods[method];
    route[method] = method === "OPTIONS" ? preflight : handler ? wrap(handler) : notAllowed;
  }
  return route;
}

/** The CORS headers a route with `cors` puts on every answer (errors too). */
export function routeCorsHeaders(request: Request, cors: RouteCors, methods: readonly RouteMethod[]): Record<string, string> {
  return corsHeaders(request, corsOptions(cors, methods));
}

function corsOptions(cors: RouteCors, methods: readonly RouteMethod[]): CorsOptions {
  return {
    allowedOrigins: cors.origins(),
    methods,
    allowHeaders: cors.allowHeaders,
    // Allow: what a 405's reader needs; Retry-After: a 429's or 503's.
    exposeHeaders: ["Retry-After", "Allow", ...(cors.exposeHeaders ?? [])],
  };
}
