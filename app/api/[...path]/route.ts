import { AppError } from "@/lib/http/app-error";
import { toErrorResponse } from "@/lib/http/to-error-response";

// Any /api/ path no route serves: a JSON 404 that lists the API, not the dashboard's HTML
// page (an API client reads the body; a typo in a URL should say so).
async function notFound(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(0, 200);
  return toErrorResponse(
    new AppError(
      "not_found",
      `There is no API endpoint at ${path}. The API is POST /api/events, POST /api/errors, POST /v1/logs and /v1/traces (OTLP/HTTP, also under /api/otlp), POST /api/<n>/envelope and /api/<n>/store (Sentry), POST /api/admin/retention, GET /api/runs/<id>/export and /live, and GET /api/health.`,
    ),
  );
}

export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH, notFound as OPTIONS };
