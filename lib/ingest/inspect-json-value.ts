// Walks a parsed JSON value (payload, detail) for what PostgreSQL's jsonb cannot hold
// as sent or what breaks a limit: nesting past the limit, NUL characters or unpaired
// surrogates in keys and strings, numbers that overflowed to ±Infinity. Iterative, so
// no input can exhaust the stack; reports the first problem with its path.
import { findUnstorableCharacter } from "./find-unstorable-character";

export interface JsonValueProblem {
  path: (string | number)[];
  message: string;
  limit?: string;
}

export interface JsonValueInspection {
  problem: JsonValueProblem | null;
  /** Whether some key (at any depth) is one `isSecretKey` flags. */
  hasSecretKey: boolean;
}

export function inspectJsonValue(
  root: unknown,
  { maxDepth, isSecretKey = () => false }: { maxDepth: number; isSecretKey?: (key: string) => boolean },
): JsonValueInspection {
  let hasSecretKey = false;
  const fail = (problem: JsonValueProblem): JsonValueInspection => ({ problem, hasSecretKey });
  const stack: { value: unknown; path: (string | number)[]; depth: number }[] = [{ value: root, path: [], depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      const bad = findUnstorableCharacter(value);
      if (bad) return fail({ path, message: bad });
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) return fail({ path, message: "is a number too large to represent (beyond ±1.8e308)" });
    } else if (value !== null && typeof value === "object") {
      if (depth + 1 > maxDepth) {
        return fail({ path, message: `nests deeper than ${maxDepth} levels (INGEST_MAX_DEPTH)`, limit: "INGEST_MAX_DEPTH" });
      }
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i], depth: depth + 1 });
      } else {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          const bad = findUnstorableCharacter(key);
          if (bad) return fail({ path: [...path, key], message: `key ${bad}` });
          if (!hasSecretKey && isSecretKey(key)) hasSecretKey = true;
          stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
        }
      }
    }
  }
  return { problem: null, hasSecretKey };
}
