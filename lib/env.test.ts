import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives the documented defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ DATA_DIR: "./.data", PORT: 3000, EVENT_RETENTION_DAYS: 30, ERROR_RETENTION_DAYS: 90 });
    expect(env.INGEST_KEYS).toEqual([]);
  });

  it("splits comma-separated lists and drops blanks", () => {
    expect(parseEnv({ INGEST_KEYS: " a, b ,,c " }).INGEST_KEYS).toEqual(["a", "b", "c"]);
  });

  it.each(["0", "-3", "1.5", "thirty", "1e3"])("refuses EVENT_RETENTION_DAYS=%s with a message naming it", (value) => {
    expect(() => parseEnv({ EVENT_RETENTION_DAYS: value })).toThrow(ConfigError);
    expect(() => parseEnv({ EVENT_RETENTION_DAYS: value })).toThrow(/EVENT_RETENTION_DAYS must be a positive whole number/);
  });

  it.each(["", " ", "1000000000", "100001", "99999999999999999999"])("refuses ERROR_RETENTION_DAYS=%j (empty, or too many days for a cutoff the database can store)", (value) => {
    expect(() => parseEnv({ ERROR_RETENTION_DAYS: value })).toThrow(ConfigError);
    expect(() => parseEnv({ ERROR_RETENTION_DAYS: value })).toThrow(/ERROR_RETENTION_DAYS must be/);
  });

  it("accepts retention days up to the maximum, spaces around them allowed", () => {
    expect(parseEnv({ EVENT_RETENTION_DAYS: " 7 ", ERROR_RETENTION_DAYS: "100000" })).toMatchObject({ EVENT_RETENTION_DAYS: 7, ERROR_RETENTION_DAYS: 100_000 });
  });

  it("cuts partitions a week long unless PARTITION_DAYS names a divisor of 28", () => {
    expect(parseEnv({}).PARTITION_DAYS).toBe(7);
    for (const days of [1, 2, 4, 7, 14, 28]) expect(parseEnv({ PARTITION_DAYS: ` ${days} ` }).PARTITION_DAYS).toBe(days);
    for (const value of ["", "0", "3", "30", "1.0", "7d", "-7"]) {
      expect(() => parseEnv({ PARTITION_DAYS: value }), value).toThrow(/PARTITION_DAYS must be one of 1, 2, 4, 7, 14, 28/);
    }
  });

  it("compresses responses unless HTTP_COMPRESSION is off, and refuses anything else", () => {
    expect(parseEnv({}).HTTP_COMPRESSION).toBe("on");
    expect(parseEnv({ HTTP_COMPRESSION: "off" }).HTTP_COMPRESSION).toBe("off");
    for (const value of ["false", "0", "OFF", ""]) expect(() => parseEnv({ HTTP_COMPRESSION: value })).toThrow(/HTTP_COMPRESSION must be "on" or "off"/);
  });

  it("refuses a DATABASE_URL that is not PostgreSQL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must start with postgresql:\/\//);
  });

  it("refuses read replicas without a PostgreSQL primary, and replica URLs that are not PostgreSQL", () => {
    expect(() => parseEnv({ DATABASE_REPLICA_URLS: "postgresql://r/db" })).toThrow(/DATABASE_REPLICA_URLS needs DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: "postgresql://p/db", DATABASE_REPLICA_URLS: "postgresql://r/db, mysql://x" })).toThrow(/DATABASE_REPLICA_URLS must be a comma-separated list of postgresql:\/\/ URLs/);
    expect(parseEnv({ DATABASE_URL: "postgresql://p/db", DATABASE_REPLICA_URLS: "postgresql://r1/db, postgresql://r2/db" }).DATABASE_REPLICA_URLS).toEqual(["postgresql://r1/db", "postgresql://r2/db"]);
  });

  it("refuses several server processes on the embedded database", () => {
    expect(() => parseEnv({ WEB_CONCURRENCY: "2" })).toThrow(/WEB_CONCURRENCY above 1 needs DATABASE_URL/);
    expect(parseEnv({ WEB_CONCURRENCY: "2", DATABASE_URL: "postgresql://p/db" }).WEB_CONCURRENCY).toBe(2);
  });
});

describe("parseEnv: run lifecycle and the live demo", () => {
  it("ends runs on the default terminal types unless told others, or none", () => {
    expect(parseEnv({})).toMatchObject({ RUN_SUCCEEDED_EVENT_TYPES: ["RUN_SAVED", "SIM_COMPLETED"], RUN_FAILED_EVENT_TYPES: ["SIM_FAILED"], RUN_IDLE_MINUTES: 30 });
    expect(parseEnv({ RUN_SUCCEEDED_EVENT_TYPES: " DONE, SAVED ", RUN_FAILED_EVENT_TYPES: "" })).toMatchObject({ RUN_SUCCEEDED_EVENT_TYPES: ["DONE", "SAVED"], RUN_FAILED_EVENT_TYPES: [] });
    expect(() => parseEnv({ RUN_IDLE_MINUTES: "0" })).toThrow(/RUN_IDLE_MINUTES must be a positive whole number/);
  });

  it("runs the live demo unless DEMO_LIVE is off, and refuses anything else", () => {
    expect(parseEnv({}).DEMO_LIVE).toBe("on");
    expect(parseEnv({ DEMO_LIVE: "off" }).DEMO_LIVE).toBe("off");
    expect(() => parseEnv({ DEMO_LIVE: "no" })).toThrow(/DEMO_LIVE must be "on" or "off"/);
  });
});
