-- The explorer's field queries over long ranges (docs/search.md): `type:`, `actor:` and
-- `user:` read their rows newest first from an index that leads with the field, instead of
-- filtering a project's whole range. event_type's own index becomes (event_type,
-- created_at), which serves the spec's lookups by type as before; actor_id and user_id get
-- partial ones (most events have neither).
-- On a large install these builds hold the table's inserts while they run: create the same
-- indexes first with CREATE INDEX CONCURRENTLY per partition (docs/search.md); this
-- migration then finds them (IF NOT EXISTS).
DROP INDEX IF EXISTS "event_logs_event_type_idx";

CREATE INDEX IF NOT EXISTS "event_logs_event_type_created_at_idx" ON "event_logs"("event_type", "created_at");

CREATE INDEX IF NOT EXISTS "event_logs_actor_id_created_at_idx" ON "event_logs"("actor_id", "created_at") WHERE "actor_id" IS NOT NULL;

CREATE INDEX IF NOT EXISTS "event_logs_user_id_created_at_idx" ON "event_logs"("user_id", "created_at") WHERE "user_id" IS NOT NULL;
