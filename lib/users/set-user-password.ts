import "server-only";
import { hashPassword } from "better-auth/crypto";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";

export type SetUserPasswordResult = "changed" | "not_found";

/**
 * An admin's password reset: the user's password becomes `password` (better-auth's
 * scrypt hash on the credential account, created for a user who so far only used SSO) and
 * every session of theirs ends in the same transaction, so whoever held the old password
 * or a stolen session is out at once.
 */
export async function setUserPassword({ userId, password }: { userId: string; password: string }): Promise<SetUserPasswordResult> {
  const hash = await hashPassword(password);
  return prisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) return "not_found";
    const updated = await tx.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
    if (updated.count === 0) await tx.account.create({ data: { id: newId(), accountId: userId, providerId: "credential", userId, password: hash } });
    await tx.session.deleteMany({ where: { userId } });
    return "changed";
  });
}
