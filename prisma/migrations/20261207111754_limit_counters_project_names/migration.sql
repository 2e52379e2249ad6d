-- CreateTable
CREATE TABLE "limit_counters" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "window_start_ms" BIGINT NOT NULL,

    CONSTRAINT "limit_counters_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "projects_name_id_idx" ON "projects"("name", "id");

-- Sign-in counts move out of better-auth's rate_limits (where it pruned them), windows and all.
INSERT INTO "limit_counters" ("key", "count", "window_start_ms")
SELECT "key", "count", "last_request" FROM "rate_limits" WHERE "key" LIKE 'sign-in:%'
ON CONFLICT ("key") DO NOTHING;
DELETE FROM "rate_limits" WHERE "key" LIKE 'sign-in:%';
