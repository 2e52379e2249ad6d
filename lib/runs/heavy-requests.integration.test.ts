// One user cannot take the whole pool: past HEAVY_REQUESTS_PER_USER live polls or exports
// in progress, the next is refused at once (429, Retry-After) while other users are served;
// a slot comes back when its request ends — an export's when its download is cancelled or
// its client goes away, however early.
// On PostgreSQL, a table held by an ACCESS EXCLUSIVE lock: pages' queries on it give up
// after DATABASE_LOCK_TIMEOUT_MS with a "busy" 503, while sessions and other tables work.
process.env.HEAVY_REQUESTS_PER_USER = "2";
process.env.DATABASE_LOCK_TIMEOUT_MS = "500";

import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getExploreExport, HEAD as headExploreExport } from "@/app/api/explore/export/route";
import { GET as getExploreLive } from "@/app/api/explore/live/route";
import { GET as getExport, HEAD as headExport } from "@/app/api/runs/[runId]/export/route";
import { GET as getLive } from "@/app/api/runs/[runId]/live/route";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { findProjectsOverview } from "@/lib/projects/find-projects-overview";
import { createUser } from "@/lib/users/create-user";
import { signInHeaders } from "@/test/session-cookie";
import { truncateAll } from "@/test/truncate";

const password = "a-long-enough-password";
const cookies: Record<string, string> = {};
const params = { params: Promise.resolve({ runId: "r1" }) };
const live = (who: string) => getLive(new Request("http://localhost/runs/r1/live", { headers: { cookie: cookies[who]! } }), params);
const exportRun = (who: string) => getExport(new Request("http://localhost/runs/r1/export?format=ndjson", { headers: { cookie: cookies[who]! } }), params);

beforeAll(async () => {
  await truncateAll();
  await prisma().project.create({ data: { id: "p1", name: "P" } });
  await prisma().run.create({ data: { id: "r1", projectId: "p1" } });
  await prisma().eventLog.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ id: `ev${i}`, eventType: "SIM_STEP", runId: "r1", projectId: "p1" })) });
  for (const who of ["busy", "other"]) {
    await createUser({ email: `${who}@example.test`, password, role: "member" });
    cookies[who] = (await signInHeaders({ email: `${who}@example.test`, password })).get("cookie")!;
  }
});

describe("heavy requests per user", () => {
  it("refuses a third while two exports stream, serves other users, and frees a slot when a download is cancelled", async () => {
    const first = await exportRun("busy");
    const second = await exportRun("busy");
    expect([first.status, second.status]).toEqual([200, 200]);
    const refused = await live("busy");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("HEAVY_REQUESTS_PER_USER");
    expect((await live("other")).status).toBe(200);

    await first.body!.cancel();
    const polled = await live("busy");
    expect(polled.status).toBe(200);
    // A finished poll gives its slot back: polls one after another never run out.
    expect((await live("busy")).status).toBe(200);
    // Read to the end, the second export gives its slot back too.
    expect((await second.text()).trim().split("\n")).toHaveLength(50);
    const [a, b] = await Promise.all([exportRun("busy"), exportRun("busy")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await Promise.all([a.body!.cancel(), b.body!.cancel()]);
  });

  it("counts the explorer's exports and live polls too: a third is refused while two searches export", async () => {
    const search = (path: string) => new Request(`http://localhost${path}`, { headers: { cookie: cookies.busy! } });
    const first = await getExploreExport(search("/api/explore/export?format=ndjson&range=7d"));
    const second = await getExploreExport(search("/api/explore/export?format=csv&range=7d"));
    expect([first.status, second.status]).toEqual([200, 200]);
    for (const third of [await getExploreExport(search("/api/explore/export?range=7d")), await getExploreLive(search("/api/explore/live?range=7d")), await exportRun("busy")]) {
      expect(third.status).toBe(429);
      expect(((await third.json()) as { error: { message: string } }).error.message).toContain("HEAVY_REQUESTS_PER_USER");
    }
    await first.body!.cancel();
    // A live poll takes its slot while it reads, and gives it back.
    expect((await getExploreLive(search("/api/explore/live?range=7d"))).status).toBe(200);
    expect((await getExploreLive(search("/api/explore/live?range=7d"))).status).toBe(200);
    expect((await second.text()).trim().split("\n")).toHaveLength(51);
    const [a, b] = await Promise.all([exportRun("busy"), getExploreExport(search("/api/explore/export?range=7d"))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await Promise.all([a.body!.cancel(), b.body!.cancel()]);
  });
});

describe("an export whose client goes away", () => {
  // Next.js drops the body of a response whose client left before it started without
  // cancelling it: the request's signal is all the route hears. Ten such downloads used to
  // hold HEAVY_REQUESTS_PER_USER slots for good (429 on every export and live view).
  const search = (signal: AbortSignal) => new Request("http://localhost/api/explore/export?format=csv&range=7d", { headers: { cookie: cookies.busy! }, signal });
  const run = (signal: AbortSignal) => getExport(new Request("http://localhost/runs/r1/export?format=csv", { headers: { cookie: cookies.busy! }, signal }), params);
  const goneAt = [
    // before the handler starts, while it runs, once it has answered (its body never read)
    async (start: (signal: AbortSignal) => Promise<Response>) => start(AbortSignal.abort()),
    async (start: (signal: AbortSignal) => Promise<Response>) => {
      const client = new AbortController();
      const response = start(client.signal);
      client.abort();
      return response;
    },
    async (start: (signal: AbortSignal) => Promise<Response>) => {
      const client = new AbortController();
      const response = start(client.signal);
      await new Promise((resolve) => setTimeout(resolve, 3));
      client.abort();
      return response;
    },
    async (start: (signal: AbortSignal) => Promise<Response>) => {
      const client = new AbortController();
      const response = await start(client.signal);
      client.abort();
      return response;
    },
  ];

  it.each([
    ["the explorer's", (signal: AbortSignal) => getExploreExport(search(signal))],
    ["a run's", run],
  ])("gives %s export's slot back, however early it goes", async (_, start) => {
    for (let round = 0; round < 3; round++) {
      for (const gone of goneAt) expect((await gone(start)).status).toBe(200);
    }
    // Cancelled before a byte was read, too.
    for (let round = 0; round < 3; round++) await (await start(new AbortController().signal)).body!.cancel();
    const [a, b] = await Promise.all([exportRun("busy"), live("busy")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await a.text()).trim().split("\n")).toHaveLength(50);
    expect((await live("busy")).status).toBe(200);
  });

  it("gives a HEAD's slot back: Next.js never reads nor cancels the body of a HEAD's answer", async () => {
    const head = (path: string) => new Request(`http://localhost${path}`, { method: "HEAD", headers: { cookie: cookies.busy! } });
    for (let i = 0; i < 3; i++) {
      const answers = [await headExploreExport(head("/api/explore/export?format=csv&range=7d")), await headExport(head("/runs/r1/export?format=csv"), params)];
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.headers.get("content-disposition")).toContain("attachment");
        expect(answer.body).toBeNull();
      }
    }
    const [a, b] = await Promise.all([exportRun("busy"), live("busy")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await a.body!.cancel();
  });
});

describe.runIf(process.env.LOGDECK_TEST_ENGINE === "postgres")("a table held by a lock", () => {
  it("gives its readers a 'busy' 503 after the lock timeout; sessions and pages on other tables keep working", async () => {
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE event_logs IN ACCESS EXCLUSIVE MODE");
      const polls = await Promise.all(Array.from({ length: 2 }, () => live("busy")));
      for (const poll of polls) {
        expect(poll.status).toBe(503);
        expect(((await poll.json()) as { error: { message: string } }).error.message).toContain("busy");
      }
      expect(await getSessionUser(new Headers({ cookie: cookies.other! }))).toMatchObject({ email: "other@example.test" });
      expect((await findProjectsOverview()).projects.map((p) => p.id)).toEqual(["p1"]);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
    expect((await live("busy")).status).toBe(200);
  });

  it("answers a run export 503 with Retry-After while event_logs is locked, and cuts short one the lock stops halfway", async () => {
    // Two batches: the lock comes after the first has been answered.
    await prisma().run.create({ data: { id: "r2", projectId: "p1" } });
    await prisma().eventLog.createMany({ data: Array.from({ length: 1_500 }, (_, i) => ({ id: `long${i}`, eventType: "SIM_STEP", runId: "r2", projectId: "p1" })) });
    const exportLong = () => getExport(new Request("http://localhost/runs/r2/export?format=csv", { headers: { cookie: cookies.busy! } }), { params: Promise.resolve({ runId: "r2" }) });
    const started = await exportLong();
    expect(started.status).toBe(200);
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE event_logs IN ACCESS EXCLUSIVE MODE");
      // Once the 200 is out, a failed batch errors the body: the download is cut short, not
      // ended as if complete.
      await expect(started.text()).rejects.toThrow();
      // More exports than the user has slots: each answers, and gives its slot back.
      for (let i = 0; i < 3; i++) {
        const refused = await exportRun("busy");
        expect(refused.status).toBe(503);
        expect(refused.headers.get("retry-after")).toBe("5");
        expect(await refused.json()).toMatchObject({ error: { code: "service_unavailable", message: expect.stringContaining("busy") } });
      }
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
    const [a, b] = await Promise.all([exportLong(), live("busy")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await a.text()).trim().split("\n")).toHaveLength(1_501);
  });
});
