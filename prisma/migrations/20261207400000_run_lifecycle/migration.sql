-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "last_row_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "last_row_at" TIMESTAMPTZ(3);

-- Backfill: when each run and project last logged, from the rows already stored (one
-- backward index probe per run and per project, on the (run_id|project_id, created_at, id)
-- indexes). A run or project with no row keeps NULL: it never had one.
UPDATE "runs" SET "last_row_at" = GREATEST(
  (SELECT max("created_at") FROM "event_logs" WHERE "event_logs"."run_id" = "runs"."id"),
  (SELECT max("created_at") FROM "error_logs" WHERE "error_logs"."run_id" = "runs"."id"));

UPDATE "projects" SET "last_row_at" = GREATEST(
  (SELECT max("created_at") FROM "event_logs" WHERE "event_logs"."project_id" = "projects"."id"),
  (SELECT max("created_at") FROM "error_logs" WHERE "error_logs"."project_id" = "projects"."id"));
