// A trace with more errors than the page shows: the newest are shown, and the count is the
// trace's, not the page's (a client in a retry loop can send thousands under one traceId).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { truncateAll } from "@/test/truncate";
import { findTrace, MAX_ERRORS } from "./find-trace";

const TRACE = "55555555-5555-4555-8555-555555555555";
const T0 = Date.UTC(2026, 0, 1, 12);
const COUNT = MAX_ERRORS + 10;

beforeAll(async () => {
  await truncateAll();
  await prisma().errorLog.createMany({
    data: Array.from({ length: COUNT }, (_, i) => ({
      id: `err${String(i).padStart(4, "0")}`,
      traceId: TRACE,
      errorType: "RETRY_LOOP",
      message: `retry ${i}`,
      createdAt: new Date(T0 + i * 1000),
    })),
  });
  await prisma().errorLog.create({ data: { id: "single", traceId: "66666666-6666-4666-8666-666666666666", errorType: "E", message: "once", createdAt: new Date(T0) } });
});

describe("findTrace", () => {
  it("shows the newest errors, oldest first, and counts them all", async () => {
    const trace = (await findTrace({ traceId: TRACE }))!;
    expect(trace.totalErrors).toBe(COUNT);
    expect(trace.errors).toHaveLength(MAX_ERRORS);
    expect(trace.errors[0]!.message).toBe(`retry ${COUNT - MAX_ERRORS}`);
    expect(trace.errors[MAX_ERRORS - 1]!.message).toBe(`retry ${COUNT - 1}`);
  });

  it("counts a trace of one error as one", async () => {
    const trace = (await findTrace({ traceId: "66666666-6666-4666-8666-666666666666" }))!;
    expect(trace.totalErrors).toBe(1);
    expect(trace.errors.map((e) => e.id)).toEqual(["single"]);
  });
});
