import { isDatabaseHealthy } from "@/lib/db/health";

export const dynamic = "force-dynamic";

// GET /api/health – 200 when the database answers, 503 otherwise (for load balancers).
export async function GET() {
  const healthy = await isDatabaseHealthy();
  return Response.json(
    healthy ? { status: "ok" } : { status: "unavailable", error: { code: "database_unavailable", message: "The database does not answer." } },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
