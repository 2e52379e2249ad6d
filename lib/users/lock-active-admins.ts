import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The ids of the active admins, their rows locked until the transaction ends. Two admins
 * demoting each other at once would otherwise both see "another admin is left" and leave
 * none: with FOR UPDATE the second waits, then sees the first's change.
 */
export async function lockActiveAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE role = 'admin' AND banned = false ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}

/** Whether taking `userId` out of the active admins would leave none. */
export function isLastActiveAdmin(activeAdminIds: string[], userId: string): boolean {
  return activeAdminIds.length === 1 && activeAdminIds[0] === userId;
}
