-- Each error's group, stored: a fingerprint of its type and its normalised message (the
-- first 300 characters, with UUIDs, hex ids and numbers replaced by <uuid>, <hex>, <n>),
-- so the errors view groups every error of a window from an index instead of running
-- regular expressions per row at read time. A STORED generated column: PostgreSQL fills
-- it on every INSERT/COPY/UPDATE from this one definition, whoever writes the row, and
-- this statement backfills the existing rows. The normalisation is repeated, for display
-- only, in lib/errors/message-pattern.ts (a test checks that the two agree).
--
-- Cost on a big table: adding a stored generated column rewrites the whole table and
-- rebuilds its indexes under an ACCESS EXCLUSIVE lock (no reads, no writes) — see the
-- README's "Dashboard" section for how to plan it.

-- AlterTable
ALTER TABLE "error_logs" ADD COLUMN "fingerprint" UUID GENERATED ALWAYS AS (
    md5(
        length("error_type")::text || ':' || "error_type" || ':' ||
        regexp_replace(
            regexp_replace(
                regexp_replace(left("message", 300), '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '<uuid>', 'g'),
                '\m(0x[0-9a-fA-F]+|(?=[a-fA-F]*[0-9])[0-9a-fA-F]{8,})\M', '<hex>', 'g'),
            '\d+(\.\d+)?', '<n>', 'g')
    )::uuid
) STORED;

-- CreateIndex
-- The errors view's chart and groups in one index-only scan: a project's window by
-- created_at, with everything they count by.
CREATE INDEX "error_logs_project_id_created_at_groups_idx" ON "error_logs"("project_id", "created_at", "severity", "error_type", "fingerprint");
