import { findReplicaHealth, isDatabaseHealthy } from "@/lib/db/health";
import { allowOptions, methodNotAllowed } from "@/lib/http/method-not-allowed";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/http/to-error-response";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers, 503 otherwise (for load balancers);
// with read replicas, each one's state (one down or lagging is not a 503: the primary
// takes its reads).
export async function GET() {
  const [healthy, replicas] = await Promise.all([isDatabaseHealthy(), findReplicaHealth().catch(() => [])]);
  return Response.json(
    {
      ...(healthy ? { status: "ok" } : { status: "unavailable", error: { code: "database_unavailable", message: "The database does not answer." } }),
      ...(replicas.length ? { replicas } : {}),
    },
    {
      status: healthy ? 200 : 503,
      headers: { "Cache-Control": "no-store", ...(healthy ? {} : { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) }) },
    },
  );
}

// POST, PUT, DELETE, PATCH /api/health – 405 with Allow and the JSON error body
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
export const OPTIONS = allowOptions(["GET"]);
