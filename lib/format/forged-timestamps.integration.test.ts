// Keyset cursors carry a timestamp, and a user can forge one: year 0000 (PostgreSQL
// refuses it, 22008), 0001 (live mode's look-back then falls before year 1), or anything
// outside what a stored row can hold. Every reader ignores such a cursor, as it ignores
// any tampered one, and answers from the real engines: never a 500 or an error page.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getLive } from "@/app/api/runs/[runId]/live/route";
import { prisma } from "@/lib/db/client";
import { findProjectErrors } from "@/lib/errors/find-project-errors";
import { findProjectRuns } from "@/lib/runs/find-project-runs";
import { findRunTimeline } from "@/lib/runs/find-run-timeline";
import { decodeTimelineCursor } from "@/lib/runs/timeline-cursor";
import { createUser } from "@/lib/users/create-user";
import { signInHeaders } from "@/test/session-cookie";
import { truncateAll } from "@/test/truncate";

const T0 = new Date(Date.UTC(2025, 0, 1, 12));
const FORGED = ["0000-01-01T00:00:00.000Z", "0001-01-01T00:00:00.000Z", "0001-01-01T00:05:00Z", "1969-12-31T23:59:59.999Z", "1000-06-01T00:00:00Z"];
const cursorOf = (tuple: unknown[]) => Buffer.from(JSON.stringify(tuple), "utf8").toString("base64url");
let cookie = "";

beforeAll(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "P" } });
  await prisma().run.create({ data: { id: "r1", projectId: "p1", startedAt: T0 } });
  await prisma().eventLog.create({ data: { id: "ev1", eventType: "SIM_STEP", runId: "r1", projectId: "p1", createdAt: T0 } });
  await prisma().errorLog.create({ data: { id: "er1", traceId: "11111111-1111-4111-8111-111111111111", errorType: "API_ERROR", message: "boom", runId: "r1", projectId: "p1", createdAt: T0 } });
  await createUser({ email: "member@example.test", password: "a-long-enough-password", role: "member" });
  cookie = (await signInHeaders({ email: "member@example.test", password: "a-long-enough-password" })).get("cookie")!;
});

describe("a forged cursor's timestamp", () => {
  it.each(FORGED)("%s: the live route ignores it and answers 200 with the run's rows", async (iso) => {
    const after = cursorOf([iso, "ev1", "event", "n"]);
    const response = await getLive(new Request(`http://localhost/runs/r1/live?after=${after}&from=${after}`, { headers: { cookie } }), { params: Promise.resolve({ runId: "r1" }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: { id: string }[] };
    expect(body.rows.map((r) => r.id).sort()).toEqual(["er1", "ev1"]);
  });

  it.each(FORGED)("%s: the timeline, errors and runs ignore it", async (iso) => {
    const cursor = decodeTimelineCursor(cursorOf([iso, "ev1", "event", "n"]));
    expect(cursor).toBeNull();
    expect((await findRunTimeline({ runId: "r1", filters: { types: [], actorTypes: [], severities: [] }, order: "desc", cursor })).rows.map((r) => r.id).sort()).toEqual(["er1", "ev1"]);
    const errors = await findProjectErrors({ projectId: "p1", since: new Date(T0.getTime() - 1), until: new Date(T0.getTime() + 1), filters: { severities: [], types: [] }, cursor: cursorOf([iso, "er1"]) });
    expect(errors.rows.map((r) => r.id)).toEqual(["er1"]);
    expect((await findProjectRuns({ projectId: "p1", cursor: cursorOf([iso, "r1"]) })).rows.map((r) => r.id)).toEqual(["r1"]);
  });

  it("a cursor inside the bounds still pages", async () => {
    const cursor = decodeTimelineCursor(cursorOf([new Date(T0.getTime() + 1).toISOString(), "zz", "event", "n"]));
    expect(cursor?.key.createdAt.getTime()).toBe(T0.getTime() + 1);
    expect((await findProjectRuns({ projectId: "p1", cursor: cursorOf([new Date(T0.getTime() + 1).toISOString(), "r0"]) })).rows.map((r) => r.id)).toEqual(["r1"]);
  });
});
