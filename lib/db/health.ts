import "server-only";
import { prisma } from "./client";

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
