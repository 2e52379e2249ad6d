// The only module that reads process.env. Every setting is parsed once, with zod, and a
// bad value stops start-up with a message that names the variable and what to fix.
import { isIP } from "node:net";
import { z } from "zod";
import { parseCorsOrigin } from "./http/cors-origins";

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
        ctx.addIssue({ code: "custom", message: `${name} must be a positive whole number, got "${value}"` });
        return z.NEVER;
      }
      return Number(value);
    });

// The longest retention accepted: ~273 years. Far more and the cutoff (now() minus the
// days) falls before the earliest instant PostgreSQL can store (4713 BC), and every run,
// and the page's preview, would fail with "timestamp out of range" long after start-up.
export const MAX_RETENTION_DAYS = 100_000;

/** PARTITION_DAYS' choices: the divisors of log_ids' 28-day span. */
export const PARTITION_DAYS_ALLOWED = [1, 2, 4, 7, 14, 28];

// A retention policy decides what is deleted, so it is never guessed: an empty value (a
// template or secret that did not fill in) stops start-up instead of falling back to the
// default, which could delete what the operator meant to keep.
const retentionDays = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return fallback;
      const text = value.trim();
      if (!/^\d+$/.test(text) || Number(text) < 1) {
        ctx.addIssue({ code: "custom", message: `${name} must be a positive whole number, got "${value}" (a number of days; unset it for the default, ${fallback})` });
        return z.NEVER;
      }
      if (Number(text) > MAX_RETENTION_DAYS) {
        ctx.addIssue({ code: "custom", message: `${name} must be at most ${MAX_RETENTION_DAYS} days (about 273 years), got "${value}"` });
        return z.NEVER;
      }
      return Number(text);
    });

const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** A comma-separated list of event types: unset gives `fallback`, an empty value none. */
const eventTypeList = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? fallback
        : value
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean),
    );

function isIpOrCidr(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value : undefined));

const EnvSchema = z.object({
  DATABASE_URL: optionalString.refine(
    (value) => value === undefined || /^postgres(ql)?:\/\//.test(value),
    "DATABASE_URL must start with postgresql:// (or be unset to use the embedded database)",
  ),
  // Streaming replicas of DATABASE_URL for the dashboard's reads (docs/scaling.md).
  DATABASE_REPLICA_URLS: list.refine((urls) => urls.every((url) => /^postgres(ql)?:\/\//.test(url)), "DATABASE_REPLICA_URLS must be a comma-separated list of postgresql:// URLs"),
  // A replica further behind the primary than this is skipped until it catches up.
  DATABASE_REPLICA_MAX_LAG_SECONDS: positiveInt("DATABASE_REPLICA_MAX_LAG_SECONDS", 10),
  DATA_DIR: z.string().optional().default("./.data"),
  PORT: positiveInt("PORT", 3000),
  ADMIN_EMAIL: optionalString,
  ADMIN_PASSWORD: optionalString,
  ADMIN_TOKEN: optionalString,
  INGEST_KEYS: list,
  // Normalized to the form browsers send (lib/http/cors-origins.ts); an entry that could
  // never match one is refused, naming it.
  CORS_ORIGINS: list.transform((entries, ctx) =>
    entries.map((entry) => {
      const parsed = parseCorsOrigin(entry);
      if (parsed.ok) return parsed.origin;
      ctx.addIssue({ code: "custom", message: parsed.reason });
      return z.NEVER;
    }),
  ),
  // Ingestion API limits (README "Ingestion limits"); each refusal names its variable.
  INGEST_MAX_BODY_BYTES: positiveInt("INGEST_MAX_BODY_BYTES", 1_048_576),
  INGEST_MAX_BATCH_ITEMS: positiveInt("INGEST_MAX_BATCH_ITEMS", 1_000),
  INGEST_MAX_PAYLOAD_BYTES: positiveInt("INGEST_MAX_PAYLOAD_BYTES", 65_536),
  INGEST_MAX_DEPTH: positiveInt("INGEST_MAX_DEPTH", 32),
  INGEST_MAX_ID_LENGTH: positiveInt("INGEST_MAX_ID_LENGTH", 128),
  INGEST_MAX_STRING_LENGTH: positiveInt("INGEST_MAX_STRING_LENGTH", 1_024),
  INGEST_MAX_TEXT_LENGTH: positiveInt("INGEST_MAX_TEXT_LENGTH", 65_536),
  INGEST_MAX_FUTURE_SECONDS: positiveInt("INGEST_MAX_FUTURE_SECONDS", 3_600),
  INGEST_BODY_TIMEOUT_SECONDS: positiveInt("INGEST_BODY_TIMEOUT_SECONDS", 60),
  // OTLP/HTTP (/v1/logs, /v1/traces): the decompressed body's limit. The Collector's batches
  // are larger than 1 MiB, and a 413 makes it drop them for good.
  OTLP_MAX_BODY_BYTES: positiveInt("OTLP_MAX_BODY_BYTES", 16_777_216),
  // …and its records (log records, or spans and their events), counted before decoding:
  // a record is a few bytes on the wire and ~1.3 KB decoded. The Collector sends 8,192 a
  // batch by default.
  OTLP_MAX_RECORDS: positiveInt("OTLP_MAX_RECORDS", 10_000),
  // Sentry envelopes and store bodies (/api/<n>/envelope, /api/<n>/store), decompressed.
  SENTRY_MAX_BODY_BYTES: positiveInt("SENTRY_MAX_BODY_BYTES", 16_777_216),
  // Process-wide back-pressure (docs/security.md): ingestion requests and body bytes in
  // flight at once; beyond them, 503 with Retry-After before the body is read.
  INGEST_MAX_IN_FLIGHT_REQUESTS: positiveInt("INGEST_MAX_IN_FLIGHT_REQUESTS", 32),
  INGEST_MAX_IN_FLIGHT_BYTES: positiveInt("INGEST_MAX_IN_FLIGHT_BYTES", 8_388_608),
  // Unknown ingest keys one client address may try a minute before only keys this process
  // already knows are accepted from it (429 for the rest): each costs a database lookup.
  INGEST_KEY_FAILURES_PER_MINUTE: positiveInt("INGEST_KEY_FAILURES_PER_MINUTE", 30),
  // New projects and runs one ingest key may create an hour (429 past them).
  INGEST_MAX_NEW_PROJECTS_PER_HOUR: positiveInt("INGEST_MAX_NEW_PROJECTS_PER_HOUR", 100),
  INGEST_MAX_NEW_RUNS_PER_HOUR: positiveInt("INGEST_MAX_NEW_RUNS_PER_HOUR", 10_000),
  INGEST_RATE_LIMIT_PER_SECOND: positiveInt("INGEST_RATE_LIMIT_PER_SECOND", 100),
  INGEST_RATE_LIMIT_BURST: positiveInt("INGEST_RATE_LIMIT_BURST", 200),
  // Keys whose values are replaced by "[Filtered]" in payload/detail; unset: the defaults.
  INGEST_SCRUB_KEYS: list,
  // npm run bench:ingest: the PostgreSQL server (an admin connection) it creates its database on.
  BENCH_ADMIN_URL: optionalString,
  // How many days each new partition of event_logs and error_logs covers (docs/partitioning.md):
  // a divisor of 28, so that each lies inside one of log_ids' 28-day spans. Shorter ones
  // bound what retention trims row by row; longer ones mean fewer partitions to plan over.
  PARTITION_DAYS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return 7;
      if (!PARTITION_DAYS_ALLOWED.includes(Number(value.trim())) || !/^\d+$/.test(value.trim())) {
        ctx.addIssue({ code: "custom", message: `PARTITION_DAYS must be one of ${PARTITION_DAYS_ALLOWED.join(", ")} (days; unset it for the default, 7), got "${value}"` });
        return z.NEVER;
      }
      return Number(value.trim());
    }),
  EVENT_RETENTION_DAYS: retentionDays("EVENT_RETENTION_DAYS", 30),
  ERROR_RETENTION_DAYS: retentionDays("ERROR_RETENTION_DAYS", 90),
  DATABASE_POOL_SIZE: positiveInt("DATABASE_POOL_SIZE", 10),
  // npm start: how many server processes share PORT (scripts/start.mjs; unset: one per
  // core on PostgreSQL, see scripts/worker-count.mjs and docs/scaling.md).
  WEB_CONCURRENCY: positiveInt("WEB_CONCURRENCY", 0),
  // PostgreSQL: the longest a page's (or session's) statement may run, and wait for a lock,
  // before the server cancels it and the page says the database is busy (docs/security.md).
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt("DATABASE_STATEMENT_TIMEOUT_MS", 15_000),
  DATABASE_LOCK_TIMEOUT_MS: positiveInt("DATABASE_LOCK_TIMEOUT_MS", 3_000),
  // Heavy requests (live polls, exports) one signed-in user may have in progress at once.
  HEAVY_REQUESTS_PER_USER: positiveInt("HEAVY_REQUESTS_PER_USER", 4),
  // Sessions: the secret that signs session cookies (unset: generated once into DATA_DIR;
  // set it when several instances serve one database), and the URL users reach us at.
  AUTH_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, "AUTH_SECRET must be at least 32 characters"),
  PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), "PUBLIC_URL must start with http:// or https://"),
  // gzip of pages and API responses by this server (next.config.js reads it); "off" when a
  // reverse proxy in front compresses, which does it for less than this server's ~5 ms
  // a timeline page (README, Query benchmark).
  HTTP_COMPRESSION: z.enum(["on", "off"], { message: 'HTTP_COMPRESSION must be "on" or "off"' }).optional().default("on"),
  // Reverse proxies whose X-Forwarded-For entries are believed (IPs or CIDR ranges);
  // unset: only a single-address header, as Next.js fills it in from the connection.
  TRUST_PROXY: list.refine((entries) => entries.every(isIpOrCidr), "TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1)"),
  // Sign-in rate limits (README "Sign-in and roles"): failed attempts per window.
  SIGN_IN_LIMIT_PER_ACCOUNT: positiveInt("SIGN_IN_LIMIT_PER_ACCOUNT", 10),
  SIGN_IN_LIMIT_PER_ADDRESS: positiveInt("SIGN_IN_LIMIT_PER_ADDRESS", 50),
  SIGN_IN_LIMIT_WINDOW_MINUTES: positiveInt("SIGN_IN_LIMIT_WINDOW_MINUTES", 15),
  // Single sign-on through any OIDC provider (README "Single sign-on"); issuer, client id
  // and secret go together (lib/auth/oidc-config.ts checks).
  OIDC_ISSUER: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), "OIDC_ISSUER must start with https:// (or http:// for a local test provider)"),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_PROVIDER_NAME: optionalString,
  OIDC_DEFAULT_ROLE: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.enum(["member", "admin"], { message: "OIDC_DEFAULT_ROLE must be member or admin" }).default("member"),
  ),
  OIDC_SCOPES: list,
  // Run lifecycle (docs/runs-and-projects.md): event types that end a run, as a
  // comma-separated list (unset: the defaults; empty: none), and how long a running run
  // may go without a row before it is shown as idle.
  RUN_SUCCEEDED_EVENT_TYPES: eventTypeList(["RUN_SAVED", "SIM_COMPLETED"]),
  RUN_FAILED_EVENT_TYPES: eventTypeList(["SIM_FAILED"]),
  RUN_IDLE_MINUTES: positiveInt("RUN_IDLE_MINUTES", 30),
  // npm run demo: a simulated platform sends events through the API while the server runs.
  DEMO_LIVE: z.enum(["on", "off"], { message: 'DEMO_LIVE must be "on" or "off"' }).optional().default("on"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional().default("info"),
})
  .refine((settings) => settings.DATABASE_URL || settings.DATABASE_REPLICA_URLS.length === 0, {
    message: "DATABASE_REPLICA_URLS needs DATABASE_URL (replicas are of a PostgreSQL primary; the embedded database has none)",
  })
  .refine((settings) => settings.DATABASE_URL || settings.WEB_CONCURRENCY <= 1, {
    message: "WEB_CONCURRENCY above 1 needs DATABASE_URL: one process at a time can own the embedded database's DATA_DIR",
  });

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The configuration of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env in-process: the next env() parses it again. */
export function forgetEnv(): void {
  cached = undefined;
}

/**
 * One setting, checked on its own, for code that must still work while another setting is
 * bad: authenticating a caller before telling them anything about the configuration.
 * Start-up and env() still refuse any bad setting.
 */
export function envSetting<K extends keyof Env>(key: K): Env[K] {
  if (cached) return cached[key];
  const result = (EnvSchema.shape[key] as unknown as z.ZodType<Env[K]>).safeParse(process.env[key]);
  if (!result.success) throw new ConfigError(`Invalid configuration:\n${result.error.issues.map((issue) => `  - ${issue.message}`).join("\n")}`);
  return result.data;
}
