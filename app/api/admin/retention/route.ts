import { handleRetentionRequest } from "@/lib/retention/handle-retention-request";

export const dynamic = "force-dynamic";

// POST /api/admin/retention – run the retention job now, or a dry run (contract §4)
export function POST(request: Request) {
  return handleRetentionRequest(request);
}
