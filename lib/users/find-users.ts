import "server-only";
import type { Role } from "@/lib/auth/auth";
import { prisma } from "@/lib/db/client";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  /** How the user signs in: "password", an SSO provider id, or both. */
  signInMethods: string[];
}

/** Every user, oldest first (the first admin on top), with no secrets. */
export async function findUsers(): Promise<UserSummary[]> {
  const rows = await prisma().user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, email: true, name: true, role: true, banned: true, createdAt: true, accounts: { select: { providerId: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role === "admin" ? "admin" : "member",
    active: !row.banned,
    createdAt: row.createdAt,
    signInMethods: [...new Set(row.accounts.map((a) => (a.providerId === "credential" ? "password" : a.providerId)))],
  }));
}
