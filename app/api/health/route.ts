import { findReplicaHealth, isDatabaseHealthy } from "@/lib/db/health";
import { AppError } from "@/lib/http/app-error";
import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/http/to-error-response";

export const dynamic = "force-dynamic";

// GET /api/health – 200 {"status": "ok"} when the database answers; otherwise 503 with
// Retry-After and the one error body (plus "status": "unavailable" for load balancers that
// read it). With read replicas, each one's state: one down or lagging is not a 503 (the
// primary takes its reads).
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({
  auth: publicRoute,
  methods: {
    GET: async () => {
      const [healthy, replicas] = await Promise.all([isDatabaseHealthy(), findReplicaHealth().catch(() => [])]);
      const replicaPart = replicas.length ? { replicas } : {};
      if (healthy) return Response.json({ status: "ok", ...replicaPart }, { headers: { "Cache-Control": "no-store" } });
      const error = new AppError("service_unavailable", "The database does not answer.");
      return Response.json(
        { status: "unavailable", error: { code: error.code, message: error.message, details: error.details }, ...replicaPart },
        { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } },
      );
    },
  },
});
