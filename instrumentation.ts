// Next calls register() once when a server process starts (`next start`, `next dev`),
// before it serves anything.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { holdDataDirForServer } = await import("@/lib/db/hold-data-dir");
  holdDataDirForServer();
}
