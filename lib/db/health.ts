import "server-only";
import { database, prisma, type ReplicaStatus } from "./client";

/** True when the database answers a trivial query within `timeoutMs`. */
export async function isDatabaseHealthy({ timeoutMs = 3_000 }: { timeoutMs?: number } = {}): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const ping = prisma()
      .$queryRaw`SELECT 1`.then(() => true)
      .catch(() => false);
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The read replicas' states (DATABASE_REPLICA_URLS; none: empty). A replica that is down
 * or lagging does not make the instance unhealthy: its reads go to the primary.
 */
export async function findReplicaHealth(): Promise<ReplicaStatus[]> {
  return database().replicaStatuses();
}
