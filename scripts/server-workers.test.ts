import { describe, expect, it } from "vitest";
import { describeExit, workerCount } from "./server-workers.mjs";

const GB = 1024 ** 3;

describe("workerCount", () => {
  it("is WEB_CONCURRENCY when set", () => {
    expect(workerCount({ WEB_CONCURRENCY: "3", DATABASE_URL: "postgresql://x/y" }, { cores: 8, memory: 16 * GB })).toBe(3);
  });

  it("is one process on the embedded database, whatever the machine", () => {
    expect(workerCount({}, { cores: 8, memory: 16 * GB })).toBe(1);
  });

  it("is one per core on PostgreSQL, as far as memory allows", () => {
    expect(workerCount({ DATABASE_URL: "postgresql://x/y" }, { cores: 8, memory: 16 * GB })).toBe(8);
    expect(workerCount({ DATABASE_URL: "postgresql://x/y" }, { cores: 8, memory: 2 * GB })).toBe(2);
    expect(workerCount({ DATABASE_URL: "postgresql://x/y" }, { cores: 4, memory: 1 * GB })).toBe(1);
  });

  it("leaves half the cores to a database on the same machine", () => {
    for (const url of ["postgresql://u@localhost/db", "postgresql://u@127.0.0.1:5432/db", "postgresql://u@[::1]/db", "postgresql:///db?host=/var/run/postgresql", "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db"]) {
      expect(workerCount({ DATABASE_URL: url }, { cores: 8, memory: 16 * GB }), url).toBe(4);
      expect(workerCount({ DATABASE_URL: url }, { cores: 2, memory: 16 * GB }), url).toBe(1);
    }
    expect(workerCount({ DATABASE_URL: "postgresql://u@db.internal:5432/db" }, { cores: 2, memory: 16 * GB })).toBe(2);
  });
});

describe("describeExit", () => {
  it("names the likely cause", () => {
    expect(describeExit(null, "SIGKILL")).toMatch(/out-of-memory killer/);
    expect(describeExit(134, null)).toMatch(/heap limit/);
    expect(describeExit(1, null)).toBe("exited with code 1");
  });
});
