import { defineRoute, publicRoute } from "@/lib/http/define-route";
import { handleRetentionRequest } from "@/lib/retention/handle-retention-request";

export const dynamic = "force-dynamic";

// POST /api/admin/retention – run the retention job now, or a dry run (contract §4); it authorizes
// itself (ADMIN_TOKEN or an admin's session) before reading its configuration. Others: 405
export const { GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS } = defineRoute({
  auth: publicRoute,
  methods: { POST: (request) => handleRetentionRequest(request) },
});
