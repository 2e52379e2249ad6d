-- event_logs and error_logs partitioned by range of created_at, one partition a week
-- (Monday 00:00 UTC to the next Monday), so that retention drops whole partitions instead
-- of deleting rows (docs/partitioning.md). Applied as one transaction (lib/db/atomic-scripts.ts).
--
-- - The primary key holds the partition key: (id, created_at). Ids stay unique per kind,
--   and ingestion idempotent whatever an item's createdAt, through log_ids and the
--   trigger that claims each id there (below).
-- - <table>_history holds everything before this week (MINVALUE to this Monday): the rows
--   already stored, copied here. Retention trims it with its batched delete, and drops it
--   whole once its end is older than the cutoff. Weekly partitions from this week on are
--   created ahead by the server and the retention job (lib/db/partitions.ts).
-- - Copying the rows takes the tables offline for as long as the copy lasts: on a large
--   install, run `npm run db:partition` first, which converts the tables online; this
--   migration then finds them partitioned already and leaves them be.
-- - Index diet: the single-column indexes on event_logs(project_id, run_id) and
--   error_logs(trace_id, project_id, run_id) go; the composites that lead with the same
--   column serve those lookups (docs/partitioning.md lists which index serves what).

-- AlterTable
ALTER TABLE "retention_runs" ADD COLUMN "partitions_dropped" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "rows_trimmed" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "log_ids" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "project_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "log_ids_pkey" PRIMARY KEY ("id","kind")
);

-- CreateIndex
CREATE INDEX "log_ids_created_at_idx" ON "log_ids"("created_at");

DO $$
DECLARE
  this_week CONSTANT timestamptz := date_trunc('week', now(), 'UTC');
  tbl text;
  week timestamptz;
BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = 'public.event_logs'::regclass) = 'r' THEN
    CREATE TABLE "event_logs_partitioned" (
        "id" TEXT NOT NULL,
        "event_type" TEXT NOT NULL,
        "payload" JSONB NOT NULL DEFAULT '{}',
        "project_id" TEXT,
        "run_id" TEXT,
        "user_id" TEXT,
        "actor_type" TEXT NOT NULL DEFAULT 'system',
        "actor_id" TEXT,
        "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

        CONSTRAINT "event_logs_partitioned_pkey" PRIMARY KEY ("id", "created_at")
    ) PARTITION BY RANGE ("created_at");
    EXECUTE format('CREATE TABLE "event_logs_history" PARTITION OF "event_logs_partitioned" FOR VALUES FROM (MINVALUE) TO (%L)', this_week);
    FOR week IN SELECT generate_series(this_week, GREATEST(this_week + interval '2 weeks', date_trunc('week', (SELECT max("created_at") FROM "event_logs"), 'UTC')), interval '1 week') LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF "event_logs_partitioned" FOR VALUES FROM (%L) TO (%L)',
        'event_logs_p' || to_char(week AT TIME ZONE 'UTC', 'YYYYMMDD'), week, week + interval '1 week');
    END LOOP;
    INSERT INTO "event_logs_partitioned" ("id", "event_type", "payload", "project_id", "run_id", "user_id", "actor_type", "actor_id", "created_at")
      SELECT "id", "event_type", "payload", "project_id", "run_id", "user_id", "actor_type", "actor_id", "created_at" FROM "event_logs";
    DROP TABLE "event_logs";
    ALTER TABLE "event_logs_partitioned" RENAME TO "event_logs";
    ALTER TABLE "event_logs" RENAME CONSTRAINT "event_logs_partitioned_pkey" TO "event_logs_pkey";
    CREATE INDEX "event_logs_event_type_idx" ON "event_logs"("event_type");
    CREATE INDEX "event_logs_created_at_idx" ON "event_logs"("created_at");
    CREATE INDEX "event_logs_run_id_created_at_id_idx" ON "event_logs"("run_id", "created_at", "id");
    CREATE INDEX "event_logs_project_id_created_at_id_idx" ON "event_logs"("project_id", "created_at", "id");
    CREATE INDEX "event_logs_run_id_event_type_idx" ON "event_logs"("run_id", "event_type");
    ALTER TABLE "event_logs" ADD CONSTRAINT "event_logs_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;
    ALTER TABLE "event_logs" ADD CONSTRAINT "event_logs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
  END IF;

  IF (SELECT relkind FROM pg_class WHERE oid = 'public.error_logs'::regclass) = 'r' THEN
    CREATE TABLE "error_logs_partitioned" (
        "id" TEXT NOT NULL,
        "trace_id" TEXT NOT NULL,
        "error_type" TEXT NOT NULL,
        "message" TEXT NOT NULL,
        "stack" TEXT,
        "detail" JSONB,
        "project_id" TEXT,
        "run_id" TEXT,
        "endpoint" TEXT,
        "severity" TEXT NOT NULL DEFAULT 'error',
        "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
        -- As in migration 20261125214412_error_fingerprint.
        "fingerprint" UUID GENERATED ALWAYS AS (
            md5(
                length("error_type")::text || ':' || "error_type" || ':' ||
                regexp_replace(
                    regexp_replace(
                        regexp_replace(left("message", 300), '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '<uuid>', 'g'),
                        '\m(0x[0-9a-fA-F]+|(?=[a-fA-F]*[0-9])[0-9a-fA-F]{8,})\M', '<hex>', 'g'),
                    '\d+(\.\d+)?', '<n>', 'g')
            )::uuid
        ) STORED,

        CONSTRAINT "error_logs_partitioned_pkey" PRIMARY KEY ("id", "created_at")
    ) PARTITION BY RANGE ("created_at");
    EXECUTE format('CREATE TABLE "error_logs_history" PARTITION OF "error_logs_partitioned" FOR VALUES FROM (MINVALUE) TO (%L)', this_week);
    FOR week IN SELECT generate_series(this_week, GREATEST(this_week + interval '2 weeks', date_trunc('week', (SELECT max("created_at") FROM "error_logs"), 'UTC')), interval '1 week') LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF "error_logs_partitioned" FOR VALUES FROM (%L) TO (%L)',
        'error_logs_p' || to_char(week AT TIME ZONE 'UTC', 'YYYYMMDD'), week, week + interval '1 week');
    END LOOP;
    INSERT INTO "error_logs_partitioned" ("id", "trace_id", "error_type", "message", "stack", "detail", "project_id", "run_id", "endpoint", "severity", "created_at")
      SELECT "id", "trace_id", "error_type", "message", "stack", "detail", "project_id", "run_id", "endpoint", "severity", "created_at" FROM "error_logs";
    DROP TABLE "error_logs";
    ALTER TABLE "error_logs_partitioned" RENAME TO "error_logs";
    ALTER TABLE "error_logs" RENAME CONSTRAINT "error_logs_partitioned_pkey" TO "error_logs_pkey";
    CREATE INDEX "error_logs_error_type_idx" ON "error_logs"("error_type");
    CREATE INDEX "error_logs_created_at_idx" ON "error_logs"("created_at");
    CREATE INDEX "error_logs_trace_id_created_at_id_idx" ON "error_logs"("trace_id", "created_at", "id");
    CREATE INDEX "error_logs_run_id_created_at_id_idx" ON "error_logs"("run_id", "created_at", "id");
    CREATE INDEX "error_logs_project_id_created_at_id_idx" ON "error_logs"("project_id", "created_at", "id");
    CREATE INDEX "error_logs_project_id_created_at_groups_idx" ON "error_logs"("project_id", "created_at", "severity", "error_type", "fingerprint");
    CREATE INDEX "error_logs_run_id_error_type_idx" ON "error_logs"("run_id", "error_type");
    ALTER TABLE "error_logs" ADD CONSTRAINT "error_logs_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;
    ALTER TABLE "error_logs" ADD CONSTRAINT "error_logs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
  END IF;
END
$$;

-- log_ids is kept by the database itself, whoever writes (ingestion, COPY, Prisma): before
-- a row goes in, its id is claimed in log_ids; an id already claimed for that kind skips
-- the row (RETURN NULL), whatever its created_at — so a retried item is stored once even
-- when it carries no createdAt and lands in another week's partition.
CREATE FUNCTION "logdeck_claim_log_id"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "log_ids" ("id", "kind", "project_id", "created_at")
  VALUES (NEW."id", TG_ARGV[0], NEW."project_id", NEW."created_at")
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN NEW;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "event_logs_claim_id" BEFORE INSERT ON "event_logs" FOR EACH ROW EXECUTE FUNCTION "logdeck_claim_log_id"('event');
CREATE TRIGGER "error_logs_claim_id" BEFORE INSERT ON "error_logs" FOR EACH ROW EXECUTE FUNCTION "logdeck_claim_log_id"('error');

-- A row deleted gives its id back (retention's trim, a DELETE by hand); TRUNCATE gives
-- back every id of the kind. (A dropped partition fires neither: retention deletes its
-- entries itself, lib/retention/delete-expired-log-ids.ts.)
CREATE FUNCTION "logdeck_release_log_id"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "log_ids" WHERE "id" = OLD."id" AND "kind" = TG_ARGV[0] AND "created_at" = OLD."created_at";
  RETURN NULL;
END
$fn$;
CREATE FUNCTION "logdeck_release_log_ids"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "log_ids" WHERE "kind" = TG_ARGV[0];
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "event_logs_release_id" AFTER DELETE ON "event_logs" FOR EACH ROW EXECUTE FUNCTION "logdeck_release_log_id"('event');
CREATE TRIGGER "error_logs_release_id" AFTER DELETE ON "error_logs" FOR EACH ROW EXECUTE FUNCTION "logdeck_release_log_id"('error');
CREATE TRIGGER "event_logs_release_ids" AFTER TRUNCATE ON "event_logs" FOR EACH STATEMENT EXECUTE FUNCTION "logdeck_release_log_ids"('event');
CREATE TRIGGER "error_logs_release_ids" AFTER TRUNCATE ON "error_logs" FOR EACH STATEMENT EXECUTE FUNCTION "logdeck_release_log_ids"('error');

-- Every stored id, once per kind, with its time (an id stored twice before this
-- migration, which the old primary key forbade, cannot occur).
INSERT INTO "log_ids" ("id", "kind", "project_id", "created_at")
  SELECT "id", 'event', "project_id", "created_at" FROM "event_logs"
  ON CONFLICT DO NOTHING;
INSERT INTO "log_ids" ("id", "kind", "project_id", "created_at")
  SELECT "id", 'error', "project_id", "created_at" FROM "error_logs"
  ON CONFLICT DO NOTHING;
