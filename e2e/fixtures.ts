// Rows the journeys look for by name, loaded by e2e/serve.ts before the server starts
// (embedded PGlite admits one process, so tests cannot write to it behind the server).
// Times are relative to when the server starts.
export const E2E = {
  project: { id: "proj_e2e", name: "E2E Checkout Service" },
  run: { id: "run_e2e_timeline", name: "e2e timeline run" },
  adminEmail: "admin@e2e.test",
  adminPassword: "e2e-admin-password-123",
  memberEmail: "member@e2e.test",
  memberPassword: "e2e-member-password-123",
  // Listed in INGEST_KEYS by e2e/serve.ts.
  ingestKey: "e2e-ingest-key",
} as const;
