import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The secret that signs session cookies: AUTH_SECRET, or one generated on first use and
 * kept in DATA_DIR (readable by this user only) so sessions survive restarts.
 */
export function getAuthSecret(): string {
  const { AUTH_SECRET, DATA_DIR } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (DATA_DIR.startsWith("memory://")) return (memorySecret ??= randomBytes(32).toString("base64url"));
  const file = path.resolve(DATA_DIR, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // "wx": when two processes race, the second fails here and reads the first's.
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}

let memorySecret: string | undefined;
