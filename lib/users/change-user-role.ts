import "server-only";
import type { Role } from "@/lib/auth/auth";
import { prisma } from "@/lib/db/client";
import { isLastActiveAdmin, lockActiveAdmins } from "./lock-active-admins";

export type ChangeUserRoleResult = "changed" | "unchanged" | "not_found" | "last_admin";

/** Makes a user a member or an admin; the last active admin cannot be made a member. */
export async function changeUserRole({ userId, role }: { userId: string; role: Role }): Promise<ChangeUserRoleResult> {
  return prisma().$transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) return "not_found";
    if (user.role === role) return "unchanged";
    if (role !== "admin" && isLastActiveAdmin(admins, userId)) return "last_admin";
    await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
    return "changed";
  });
}
