import { AppError } from "@/lib/http/app-error";
import { toErrorResponse } from "@/lib/http/to-error-response";

// Any /v1/ path but logs, traces and metrics: a JSON 404 naming the OTLP endpoints (an
// exporter configured with a wrong path must learn so, not get the dashboard's HTML page).
async function notFound(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(0, 200);
  return toErrorResponse(new AppError("not_found", `There is no OTLP endpoint at ${path}: logdeck takes POST /v1/logs and /v1/traces (metrics are not stored).`));
}

export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH, notFound as OPTIONS };
