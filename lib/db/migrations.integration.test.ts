import { describe, expect, it } from "vitest";
import { openDatabase, configuredTarget, prisma } from "./client";
import { migrate } from "./migrate";
import { diffMigrationsToSchema } from "./schema-engine";
import { withShadowDatabase } from "./shadow-database";

describe("migrations", () => {
  it("are recorded in _prisma_migrations as prisma migrate deploy records them", async () => {
    const rows = await prisma().$queryRaw<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
      SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.migration_name).toBe("20261125000000_init");
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("apply nothing the second time", async () => {
    expect(await migrate()).toEqual([]);
  });

  // Only PostgreSQL has two instances to race: an in-memory PGlite is one process's alone.
  it.runIf(configuredTarget().kind === "postgres")("can be started by two instances at once", async () => {
    const other = openDatabase(configuredTarget());
    try {
      const results = await Promise.all([migrate(), migrate(other)]);
      expect(results).toEqual([[], []]);
    } finally {
      await other.close().catch(() => {});
    }
  });

  // The schema engine's own advisory lock outlives its call; a pooled connection keeping
  // it would hang the next migration (and the next instance's start) forever. Only this
  // database's locks count: other test files migrate their own databases in parallel on
  // the same cluster, and the engine takes the same lock id in each.
  it.runIf(configuredTarget().kind === "postgres")("leave no migration lock behind", async () => {
    // Checked the moment each migrate() returns: its connections must be gone by then.
    for (let i = 0; i < 10; i++) {
      await migrate();
      const [row] = await prisma().$queryRaw<{ held: bigint }[]>`
        SELECT count(*) AS held FROM pg_locks
        WHERE locktype = 'advisory' AND objid = 72707369
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      expect(Number(row!.held), `after migration ${i + 1}`).toBe(0);
    }
  });

  // Replaying every migration into a second PGlite takes a while on a busy machine.
  it("match prisma/schema.prisma (no drift)", { timeout: 300_000 }, async () => {
    // The engine replays the migrations into a shadow database: an in-memory PGlite.
    const drift = await withShadowDatabase(diffMigrationsToSchema);
    expect(drift, `schema.prisma and prisma/migrations disagree; the next migration would be:\n${drift}`).toBe("");
  });
});

describe("schema", () => {
  it("stores created_at as timestamptz", async () => {
    const columns = await prisma().$queryRaw<{ table_name: string; data_type: string }[]>`
      SELECT table_name, data_type FROM information_schema.columns
      WHERE column_name = 'created_at' AND table_name IN ('event_logs', 'error_logs')`;
    expect(columns).toHaveLength(2);
    for (const column of columns) expect(column.data_type).toBe("timestamp with time zone");
  });

  it("has an index leading with each column the spec indexes, and the keyset indexes", async () => {
    const rows = await prisma().$queryRaw<{ tablename: string; indexname: string; indexdef: string }[]>`
      SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename IN ('event_logs', 'error_logs')`;
    const leading = (table: string) =>
      new Set(rows.filter((row) => row.tablename === table).map((row) => /USING btree \(([a-z_]+)/.exec(row.indexdef)?.[1]));
    // The spec's @@index columns (§3): a composite that leads with the column serves them.
    for (const column of ["project_id", "run_id", "event_type", "created_at"]) expect(leading("event_logs"), `event_logs(${column})`).toContain(column);
    for (const column of ["trace_id", "project_id", "run_id", "error_type", "created_at"]) expect(leading("error_logs"), `error_logs(${column})`).toContain(column);
    const names = rows.map((row) => row.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        "event_logs_pkey",
        "event_logs_run_id_created_at_id_idx",
        "event_logs_project_id_created_at_id_idx",
        "error_logs_pkey",
        "error_logs_trace_id_created_at_id_idx",
        "error_logs_run_id_created_at_id_idx",
        "error_logs_project_id_created_at_id_idx",
      ]),
    );
    const keyset = rows.find((row) => row.indexname === "event_logs_run_id_created_at_id_idx")!;
    expect(keyset.indexdef).toMatch(/\(run_id, created_at, id\)/);
  });

  it("partitions event_logs and error_logs by range of created_at, keyed by (id, created_at)", async () => {
    const rows = await prisma().$queryRaw<{ relname: string; strategy: string; key: string; pk: string }[]>`
      SELECT c.relname::text AS relname, p.partstrat::text AS strategy, pg_get_partkeydef(c.oid) AS key,
             pg_get_constraintdef(k.oid) AS pk
      FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
      JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'p'
      WHERE c.relname IN ('event_logs', 'error_logs') ORDER BY c.relname`;
    expect(rows).toEqual([
      { relname: "error_logs", strategy: "r", key: "RANGE (created_at)", pk: "PRIMARY KEY (id, created_at)" },
      { relname: "event_logs", strategy: "r", key: "RANGE (created_at)", pk: "PRIMARY KEY (id, created_at)" },
    ]);
  });

  it("keeps the spec's relations to projects and runs", async () => {
    const rows = await prisma().$queryRaw<{ conname: string }[]>`
      SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('event_logs'::regclass, 'error_logs'::regclass)`;
    expect(rows.map((r) => r.conname).sort()).toEqual([
      "error_logs_project_id_fkey",
      "error_logs_run_id_fkey",
      "event_logs_project_id_fkey",
      "event_logs_run_id_fkey",
    ]);
  });
});
