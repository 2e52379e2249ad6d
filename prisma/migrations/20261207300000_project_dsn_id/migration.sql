-- Every project gets the number its Sentry DSN names (https://<key>@host/<dsn_id>): existing
-- projects are numbered in table order, new ones (from the dashboard, the CLI or ingestion)
-- by the sequence.
-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "dsn_id" SERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "projects_dsn_id_key" ON "projects"("dsn_id");
