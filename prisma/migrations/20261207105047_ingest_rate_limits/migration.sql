-- CreateTable
CREATE TABLE "ingest_rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "ingest_rate_limits_pkey" PRIMARY KEY ("key")
);
