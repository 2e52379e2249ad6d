import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * Whether `presented` is the configured ADMIN_TOKEN. Both sides are hashed first so the
 * comparison is constant-time for any length (timingSafeEqual needs equal lengths, and
 * comparing lengths first would leak the token's length). With no token configured, or
 * anything that is not a non-empty string presented, the answer is false; it never throws.
 */
export function verifyAdminToken({ presented, expected }: { presented: unknown; expected: string | undefined }): boolean {
  if (typeof expected !== "string" || expected === "") return false;
  if (typeof presented !== "string" || presented === "") return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
