import { isDatabaseHealthy } from "@/lib/db/health";
import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/http/to-error-response";

export const dynamic = "force-dynamic";

// GET /api/health – 200 {"status": "ok"} when the database answers; otherwise 503 with
// Retry-After and the one error body (plus "status": "unavailable" for load balancers that read it).
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({
  auth: publicRoute,
  methods: {
    GET: async () => {
      if (await isDatabaseHealthy()) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
      const error = new AppError("service_unavailable", "The database does not answer.");
      return Response.json(
        { status: "unavailable", error: { code: error.code, message: error.message, details: error.details } },
        { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } },
      );
    },
  },
});
