// Dashboard reads on PostgreSQL streaming replicas (DATABASE_REPLICA_URLS). One Prisma
// client whose driver adapter sends each query to a replica that answers and is within
// DATABASE_REPLICA_MAX_LAG_SECONDS of the primary, in turn, and otherwise to the primary
// — on sessions that are read-only there too, so a write sent through the read client
// fails on every configuration instead of only when a replica happens to be chosen.
// A replica that fails a query (stopped, restarted, cut off) is marked down at once and
// the query is run again on the primary: the caller sees no error.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { isDatabaseUnavailableError } from "@/lib/http/is-database-unavailable-error";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { openPool, postgresAdapter, postgresPoolConfig, prismaSessionOptions } from "./postgres-database";

export type ReplicaState = "ok" | "lagging" | "down" | "unchecked";

export interface ReplicaStatus {
  /** host:port/database, no credentials. */
  name: string;
  state: ReplicaState;
  /** Seconds of WAL replay behind the primary at the last check (null: unknown). */
  lagSeconds: number | null;
  /** Why the replica is not used (down/lagging), in a sentence. */
  reason?: string;
}

export interface ReplicaSetOptions {
  primaryUrl: string;
  replicaUrls: readonly string[];
  maxLagSeconds: number;
  /** How often each replica's state is checked in the background. */
  checkIntervalMs?: number;
}

// Read-only sessions: a standby is read-only anyway; on the primary this keeps the read
// client from writing there when it falls back.
const READ_ONLY = "-c default_transaction_read_only=on";

// Everything a standby needs to tell: is it one, is it receiving WAL from the primary,
// and how far behind is its replay. Received = replayed means it has caught up with all
// it was sent (lag 0, however long ago the primary last wrote); otherwise the lag is the
// age of the last transaction it replayed.
const LAG_SQL = `SELECT pg_is_in_recovery() AS standby,
  (SELECT status FROM pg_stat_wal_receiver LIMIT 1) AS receiver,
  CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS lag`;

interface Replica {
  status: ReplicaStatus;
  pool: pg.Pool;
  adapter?: SqlDriverAdapter;
}

/** host:port/database of a URL, safe to print. */
export function replicaName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

// A query the replica could not run because of the replica (gone, restarting, cut off,
// a conflict with recovery), not because of the query: worth running on the primary.
// A statement timeout (57014) is the query's own doing: running it again would double it.
function isReplicaFailure(error: unknown): boolean {
  return isDatabaseUnavailableError(error) && !hasSqlState(error, "57014");
}

function hasSqlState(error: unknown, code: string): boolean {
  let current = error as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown } | undefined;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    if (current.code === code || current.originalCode === code) return true;
    current = (current.meta?.driverAdapterError?.cause ?? current.cause) as typeof current;
  }
  return false;
}

export class ReplicaSet {
  readonly prisma: PrismaClient;
  private readonly replicas: Replica[];
  private readonly primaryPool: pg.Pool;
  private primaryAdapter?: SqlDriverAdapter;
  private next = 0;
  private readonly timer: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(private readonly options: ReplicaSetOptions) {
    this.replicas = options.replicaUrls.map((url) => ({
      status: { name: replicaName(url), state: "unchecked", lagSeconds: null },
      pool: openPool(postgresPoolConfig(url, { sessionOptions: `${READ_ONLY} ${prismaSessionOptions()}` })),
    }));
    this.primaryPool = openPool(postgresPoolConfig(options.primaryUrl, { sessionOptions: `${READ_ONLY} ${prismaSessionOptions()}` }));
    const factory: SqlDriverAdapterFactory = {
      provider: "postgres",
      adapterName: "logdeck-read-replicas",
      // The primary's adapter first: it answers getConnectionInfo() for all of them.
      connect: async () => {
        await this.adapterOf(undefined);
        return this.routingAdapter();
      },
    };
    this.prisma = new PrismaClient({ adapter: factory });
    this.timer = setInterval(() => void this.check(), options.checkIntervalMs ?? 2_000);
    this.timer.unref();
    void this.check();
  }

  /** Each replica's state, checked now (bounded: a replica that does not answer in 2 s is down). */
  async statuses(): Promise<ReplicaStatus[]> {
    await this.check();
    return this.replicas.map((replica) => ({ ...replica.status }));
  }

  /** Checks every replica once (concurrent callers share one check). */
  check(): Promise<void> {
    this.checking ??= Promise.all(this.replicas.map((replica) => this.checkReplica(replica))).then(
      () => (this.checking = undefined),
      () => (this.checking = undefined),
    );
    return this.checking;
  }

  private async checkReplica(replica: Replica): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const query = replica.pool.query<{ standby: boolean; receiver: string | null; lag: number }>(LAG_SQL);
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no answer within 2 s")), 2_000)));
      const { rows } = await Promise.race([query, timeout]);
      const { standby, receiver, lag } = rows[0]!;
      const lagSeconds = Math.round(lag * 1000) / 1000;
      if (!standby) this.setState(replica, "down", null, "not a standby (pg_is_in_recovery() is false): promoted, or not a replica");
      else if (receiver !== "streaming") this.setState(replica, "down", lagSeconds, `not streaming from the primary (WAL receiver: ${receiver ?? "none"})`);
      else if (lagSeconds > this.options.maxLagSeconds) this.setState(replica, "lagging", lagSeconds, `replay is ${lagSeconds} s behind, over DATABASE_REPLICA_MAX_LAG_SECONDS=${this.options.maxLagSeconds}`);
      else this.setState(replica, "ok", lagSeconds);
    } catch (error) {
      this.setState(replica, "down", null, `does not answer: ${(error as Error).message.split("\n")[0]}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private setState(replica: Replica, state: ReplicaState, lagSeconds: number | null, reason?: string): void {
    const { name } = replica.status;
    // Logged on every change, and at the first check when it finds the replica unusable.
    const previous = replica.status.state;
    if (previous !== state && (previous !== "unchecked" || state !== "ok")) {
      console.warn(`logdeck: read replica ${name} is ${state}${reason ? ` (${reason})` : ""}${state === "ok" ? "; reads go to it again" : "; its reads go to the primary"}`);
    }
    replica.status = { name, state, lagSeconds, ...(reason ? { reason } : {}) };
  }

  /** The next usable replica, in turn; none: the primary. */
  private pick(): Replica | undefined {
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length]!;
      if (replica.status.state === "ok") {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica;
      }
    }
    return undefined;
  }

  private async adapterOf(replica: Replica | undefined): Promise<SqlDriverAdapter> {
    if (!replica) return (this.primaryAdapter ??= await postgresAdapter(this.primaryPool).connect());
    return (replica.adapter ??= await postgresAdapter(replica.pool).connect());
  }

  /** Runs `run` on a replica, or on the primary when none is usable or the replica fails. */
  private async route<T>(run: (adapter: SqlDriverAdapter) => Promise<T>): Promise<T> {
    const replica = this.pick();
    if (!replica) return run(await this.adapterOf(undefined));
    try {
      return await run(await this.adapterOf(replica));
    } catch (error) {
      if (!isReplicaFailure(error)) throw error;
      this.setState(replica, "down", null, `a query failed: ${(error as Error).message.split("\n")[0]}`);
      return run(await this.adapterOf(undefined));
    }
  }

  private routingAdapter(): SqlDriverAdapter {
    return {
      provider: "postgres",
      adapterName: "logdeck-read-replicas",
      queryRaw: (query: SqlQuery) => this.route((adapter) => adapter.queryRaw(query)),
      executeRaw: (query: SqlQuery) => this.route((adapter) => adapter.executeRaw(query)),
      // A transaction stays where it started; no fallback half-way through.
      startTransaction: async (isolationLevel) => (await this.adapterOf(this.pick())).startTransaction(isolationLevel),
      getConnectionInfo: () => this.primaryAdapter!.getConnectionInfo?.() ?? { supportsRelationJoins: false },
      executeScript: async () => {
        throw new Error("the read client runs no scripts: migrations go through the primary");
      },
      dispose: async () => {},
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.prisma.$disconnect().catch(() => {});
    await Promise.all([this.primaryPool, ...this.replicas.map((replica) => replica.pool)].map((pool) => pool.end().catch(() => {})));
  }
}
