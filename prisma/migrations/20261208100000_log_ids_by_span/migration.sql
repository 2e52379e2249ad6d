-- log_ids partitioned like the tables whose ids it holds, so that retention drops its
-- expired parts whole instead of deleting one row per expired id (issue #15: deleting a
-- dropped week's ids was most of retention's WAL; docs/partitioning.md).
--
-- - log_ids is partitioned by range of (kind, span), span being the 28-day span holding
--   the row's created_at (logdeck_log_id_span: 28-day steps from Monday 2000-01-03 00:00
--   UTC, so every week partition of the log tables lies inside one span): a partition
--   per kind and span, log_ids_<kind>_pYYYYMMDD. Retention drops a kind's span once its
--   end is older than that kind's cutoff: every row it names is gone by then.
-- - The primary key is (id, kind, span): within a span an id is claimed once, by the
--   insert trigger, as before (ON CONFLICT, so two concurrent retries cannot both claim
--   it). An id claimed in another span (an item retried without createdAt across a span
--   boundary, or the same id sent again with another createdAt) is found by ingestion's
--   statement, which skips ids claimed in any span (lib/ingest/insert-items.ts).
-- - A row deleted no longer gives its id back (the trim would pay a second delete per
--   row): an expired row's id stays claimed until its span is dropped, at most 28 days
--   later; an item sent with that id meanwhile is skipped, as a retry would be. TRUNCATE
--   still gives back every id of the kind (logdeck_release_log_ids, unchanged).
-- - The existing ids are copied in, with log_ids locked: ingestion waits for the copy
--   (7 s per million ids, measured on a busy 2-core machine).
ALTER TABLE "log_ids" RENAME TO "log_ids_unpartitioned";
ALTER TABLE "log_ids_unpartitioned" RENAME CONSTRAINT "log_ids_pkey" TO "log_ids_unpartitioned_pkey";
DROP INDEX "log_ids_created_at_idx";

-- CreateTable
CREATE TABLE "log_ids" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "span" TIMESTAMPTZ(3) NOT NULL,
    "project_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "log_ids_pkey" PRIMARY KEY ("id","kind","span")
) PARTITION BY RANGE ("kind", "span");

-- The span holding a time (lib/db/partitions.ts computes the same: spanStart).
CREATE FUNCTION "logdeck_log_id_span"("at" timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT date_bin('28 days', "at", '2000-01-03 00:00:00+00') $fn$;

-- Per kind: log_ids_<kind>_history (MINVALUE to the span holding the log table's oldest
-- week partition), then a partition per span up to the log table's newest week (at least
-- two weeks ahead); lib/db/partitions.ts creates the coming ones.
DO $$
DECLARE
  kind text;
  first_week timestamptz;
  newest timestamptz;
  span timestamptz;
BEGIN
  FOREACH kind IN ARRAY ARRAY['event', 'error'] LOOP
    SELECT min((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz),
           max((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz)
      INTO first_week, newest
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = (kind || '_logs')::regclass;
    span := "logdeck_log_id_span"(COALESCE(first_week, now()));
    newest := GREATEST(COALESCE(newest, now()), now() + interval '2 weeks');
    EXECUTE format('CREATE TABLE %I PARTITION OF "log_ids" FOR VALUES FROM (%L, MINVALUE) TO (%L, %L)',
      'log_ids_' || kind || '_history', kind, kind, span);
    WHILE span < newest LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF "log_ids" FOR VALUES FROM (%L, %L) TO (%L, %L)',
        'log_ids_' || kind || '_p' || to_char(span AT TIME ZONE 'UTC', 'YYYYMMDD'), kind, span, kind, span + interval '28 days');
      span := span + interval '28 days';
    END LOOP;
  END LOOP;
END
$$;

INSERT INTO "log_ids" ("id", "kind", "span", "project_id", "created_at")
  SELECT "id", "kind", "logdeck_log_id_span"("created_at"), "project_id", "created_at" FROM "log_ids_unpartitioned";
DROP TABLE "log_ids_unpartitioned";

-- The claim, now in the row's span.
CREATE OR REPLACE FUNCTION "logdeck_claim_log_id"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "log_ids" ("id", "kind", "span", "project_id", "created_at")
  VALUES (NEW."id", TG_ARGV[0], "logdeck_log_id_span"(NEW."created_at"), NEW."project_id", NEW."created_at")
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN NEW;
  END IF;
  RETURN NULL;
END
$fn$;

DROP TRIGGER "event_logs_release_id" ON "event_logs";
DROP TRIGGER "error_logs_release_id" ON "error_logs";
DROP FUNCTION "logdeck_release_log_id"();
