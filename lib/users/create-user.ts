import "server-only";
import { hashPassword } from "better-auth/crypto";
import type { Role } from "@/lib/auth/auth";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { cleanUserName } from "./clean-user-profile";

export interface CreateUserOptions {
  email: string;
  password: string;
  name?: string;
  role: Role;
}

/**
 * A user who signs in with email and password: the user row and its credential account
 * (better-auth's layout, its scrypt hash) in one transaction.
 */
export async function createUser({ email, password, name, role }: CreateUserOptions) {
  const normalized = email.trim().toLowerCase();
  const hash = await hashPassword(password);
  const id = newId();
  return prisma().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { id, email: normalized, name: cleanUserName(name) || cleanUserName(normalized.split("@")[0]) || "user", role, emailVerified: true },
      select: { id: true, email: true, name: true, role: true },
    });
    await tx.account.create({ data: { id: newId(), accountId: id, providerId: "credential", userId: id, password: hash } });
    return user;
  });
}
