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
  // Sign-in, roles and keys (e2e/auth-*.spec.ts, e2e/admin-*.spec.ts): an account whose
  // sign-in gets rate-limited, and ingest keys stored by hash (e2e/load-auth-fixtures.ts).
  auth: {
    // e2e/serve.ts sets AUTH_SECRET to this, so a spec can sign a session cookie itself.
    secret: "e2e-auth-secret-0123456789-abcdefghijklmnop",
    // A session of the admin that expired an hour before the server started.
    expiredSessionToken: "e2eExpiredAdminSessionToken0123",
    lockedEmail: "locked@e2e.test",
    lockedPassword: "e2e-locked-password-123",
    // An account an attacker types wrong passwords for, while its owner signs in elsewhere.
    targetedEmail: "targeted@e2e.test",
    targetedPassword: "e2e-targeted-password-123",
    otherProjectId: "proj_e2e_other",
    keys: {
      boundToProject: { name: "e2e bound key", key: "ldk_e2e_bound_to_proj_e2e_0123456789abcdefghij" },
      revoked: { name: "e2e revoked key", key: "ldk_e2e_revoked_0123456789abcdefghijklmnopqrst" },
      boundToOtherProject: { name: "e2e other-project key", key: "ldk_e2e_other_project_0123456789abcdefghijkl" },
    },
  },
  // Listed in INGEST_KEYS by e2e/serve.ts.
  ingestKey: "e2e-ingest-key",
  // The dashboard journeys (e2e/dashboard.spec.ts): a running run with 150 events (ties on
  // created_at, a long gap, a hostile payload), a trace of three errors in it, errors
  // 23 h and 25 h old for the 24-hour view, and a group of two errors to open.
  dashboard: {
    runId: "run_e2e_dashboard",
    runName: "e2e dashboard run",
    eventCount: 150,
    targetEventId: "ev_e2e_target",
    hostileEventId: "ev_e2e_hostile",
    traceId: "9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    error23hId: "err_e2e_23h",
    error25hId: "err_e2e_25h",
    // Two messages that differ only in numbers: one group on the errors page.
    group: { errorType: "PAYMENT_ERROR", messages: ["Card gateway timed out after 3000 ms", "Card gateway timed out after 4500 ms"], pattern: "Card gateway timed out after <n> ms" },
    // A running run of its own for live mode, which adds rows to it.
    liveRunId: "run_e2e_live",
    // Another, for the late-delivery journey, so the two live tests never share rows.
    lateRunId: "run_e2e_live_late",
  },
  // Log text that must neither reorder nor widen a page (e2e/log-text.spec.ts), in a
  // project and run of their own: types with a bidi override (shown reversed, "BIDI_exe.txt",
  // unless escaped) and 1,000 unbroken characters (ingestion's limit is 1,024) of type,
  // endpoint and message, a run id of 128 characters (the id limit) and names of both kinds.
  hostileText: {
    projectId: "proj_e2e_hostile_text",
    projectName: `E2E_\u202Etxet_${"P".repeat(120)}`,
    runId: `run_e2e_hostile_text_${"r".repeat(107)}`,
    runName: `e2e_\u2067nur_${"N".repeat(300)}`,
    traceId: "3f4a5b6c-7d8e-4f9a-8b0c-1d2e3f4a5b6c",
    bidiType: "BIDI_\u202Etxt.exe",
    longType: `LONG_${"X".repeat(995)}`,
    longEndpoint: `/api/${"e".repeat(995)}`,
    longMessage: "m".repeat(1_000),
  },
} as const;

/**
 * e2e/serve.ts also starts the same build on this port with a database that refuses
 * connections, for e2e/database-outage.spec.ts.
 */
export const outageBaseUrl = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1000}`;
