import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createUser } from "@/lib/users/create-user";

export type FirstAdmin = { created: false } | { created: true; email: string; password: string; generated: boolean };

/**
 * With no user in the database, creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD,
 * or with a generated password that the caller prints once.
 */
export async function ensureFirstAdmin(): Promise<FirstAdmin> {
  if ((await prisma().user.count()) > 0) return { created: false };
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = env();
  const email = ADMIN_EMAIL ?? "admin@logdeck.local";
  const generated = !ADMIN_PASSWORD;
  const password = ADMIN_PASSWORD ?? randomBytes(15).toString("base64url");
  if (password.length < 12) throw new Error("ADMIN_PASSWORD must be at least 12 characters");
  try {
    await createUser({ email, password, role: "admin", name: "Admin" });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if ((error as { code?: string }).code === "P2002") return { created: false };
    throw error;
  }
  return { created: true, email, password, generated };
}
