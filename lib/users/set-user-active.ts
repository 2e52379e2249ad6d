import "server-only";
import { prisma } from "@/lib/db/client";
import { isLastActiveAdmin, lockActiveAdmins } from "./lock-active-admins";

export type SetUserActiveResult = "changed" | "unchanged" | "not_found" | "last_admin";

/**
 * Deactivates a user (better-auth's `banned`, so no sign-in of any kind succeeds) and
 * deletes their sessions in the same transaction, so they are signed out at once; or
 * reactivates them. The last active admin cannot be deactivated.
 */
export async function setUserActive({ userId, active }: { userId: string; active: boolean }): Promise<SetUserActiveResult> {
  return prisma().$transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { banned: true } });
    if (!user) return "not_found";
    if (user.banned === !active) {
      // Still sweep sessions: a deactivated user must never hold one.
      if (!active) await tx.session.deleteMany({ where: { userId } });
      return "unchanged";
    }
    if (!active && isLastActiveAdmin(admins, userId)) return "last_admin";
    await tx.user.update({
      where: { id: userId },
      data: active ? { banned: false, banReason: null, banExpires: null } : { banned: true, banReason: "Deactivated by an admin", banExpires: null },
      select: { id: true },
    });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    return "changed";
  });
}
