// Next calls register() once when a server process starts (`npm start`'s workers, `next
// start`, `next dev`), before it serves anything.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { holdDataDirForServer } = await import("@/lib/db/hold-data-dir");
  holdDataDirForServer();
  // Refusals under load answered before Next.js routes the request (scripts/server-worker.mjs).
  const [{ installFrontGate }, { ingestFrontGate }] = await Promise.all([import("@/lib/http/front-gate"), import("@/lib/ingest/ingest-front-gate")]);
  installFrontGate(ingestFrontGate);
}
