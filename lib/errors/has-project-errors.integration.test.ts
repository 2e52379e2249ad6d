import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { truncateAll } from "@/test/truncate";
import { hasProjectErrors } from "./has-project-errors";

describe("hasProjectErrors", () => {
  beforeAll(async () => {
    await truncateAll();
    await prisma().project.createMany({ data: [{ id: "quiet", name: "Quiet" }, { id: "old", name: "Old" }] });
    // An error far outside every dashboard window still counts: the project is not new.
    await prisma().errorLog.create({
      data: { id: "x", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "m", projectId: "old", createdAt: new Date(Date.now() - 60 * 86_400_000) },
    });
  });

  it("tells a project that never had an error from one with old errors", async () => {
    expect(await hasProjectErrors({ projectId: "quiet" })).toBe(false);
    expect(await hasProjectErrors({ projectId: "old" })).toBe(true);
  });
});
