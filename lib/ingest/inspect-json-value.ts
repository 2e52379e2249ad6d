// Walks a parsed JSON value (payload, detail) for what PostgreSQL's jsonb cannot hold
// as sent or what breaks a limit: nesting past the limit, NUL characters or unpaired
// surrogates in keys and strings, numbers that overflowed to ±Infinity or beyond what is
// worth storing. Iterative, so no input can exhaust the stack; reports the first problem
// with its path.
import { isLosslessNumber } from "@/lib/format/exact-json";
import { findUnstorableCharacter } from "./find-unstorable-character";

/** The longest number literal kept (jsonb's numeric takes far more; nobody sends more). */
export const MAX_NUMBER_LENGTH = 1_000;

export interface JsonValueProblem {
  path: (string | number)[];
  message: string;
  limit?: string;
}

export interface JsonValueInspection {
  problem: JsonValueProblem | null;
  /** Whether some key (at any depth), or the name of a [name, value] pair, is one `isSecretKey` flags. */
  hasSecretKey: boolean;
  /** Whether some string value (at any depth) is one `isSecretValue` flags. */
  hasSecretValue: boolean;
  /** Whether some number is a LosslessNumber (one a double cannot hold; see parseJsonExactly). */
  hasExactNumber: boolean;
  /**
   * How many characters longer the value is as stored than as JSON: jsonb keeps numbers as
   * numeric, which PostgreSQL writes without an exponent (1e308 comes back as 309 digits).
   */
  expandedNumberChars: number;
}

interface Frame {
  value: unknown;
  depth: number;
  /** Where the value sits: its parent's frame and its key there (the path is built only for a problem). */
  parent: Frame | null;
  key: string | number;
}

function pathOf(frame: Frame | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f = frame; f?.parent; f = f.parent) path.push(f.key);
  return path.reverse();
}

export function inspectJsonValue(
  root: unknown,
  { maxDepth, isSecretKey = () => false, isSecretValue = () => false }: { maxDepth: number; isSecretKey?: (key: string) => boolean; isSecretValue?: (text: string) => boolean },
): JsonValueInspection {
  let hasSecretKey = false;
  let hasSecretValue = false;
  let hasExactNumber = false;
  let expandedNumberChars = 0;
  const fail = (frame: Frame, problem: Omit<JsonValueProblem, "path">, key?: string): JsonValueInspection => ({
    problem: { path: key === undefined ? pathOf(frame) : [...pathOf(frame), key], ...problem },
    hasSecretKey,
    hasSecretValue,
    hasExactNumber,
    expandedNumberChars,
  });
  const stack: Frame[] = [{ value: root, depth: 0, parent: null, key: "" }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (typeof value === "string") {
      const bad = findUnstorableCharacter(value);
      if (bad) return fail(frame, { message: bad });
      if (!hasSecretValue && isSecretValue(value)) hasSecretValue = true;
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) return fail(frame, { message: TOO_LARGE });
      const literal = String(value);
      expandedNumberChars += Math.max(0, numericTextLength(literal) - literal.length);
    } else if (isLosslessNumber(value)) {
      const literal = value.value;
      if (literal.length > MAX_NUMBER_LENGTH) return fail(frame, { message: `is a number written with more than ${MAX_NUMBER_LENGTH} characters` });
      // Exact within a double's range; beyond it, refused as JSON.parse's ±Infinity was
      // (and a nonzero number too small for one, which would otherwise read back as 0).
      const approximate = Number(literal);
      if (!Number.isFinite(approximate)) return fail(frame, { message: TOO_LARGE });
      if (approximate === 0 && /[1-9]/.test(literal.split(/[eE]/)[0]!)) return fail(frame, { message: "is a nonzero number too small to represent (below ±5e-324)" });
      hasExactNumber = true;
      expandedNumberChars += Math.max(0, numericTextLength(literal) - literal.length);
    } else if (value !== null && typeof value === "object") {
      if (depth + 1 > maxDepth) {
        return fail(frame, { message: `nests deeper than ${maxDepth} levels (INGEST_MAX_DEPTH)`, limit: "INGEST_MAX_DEPTH" });
      }
      if (Array.isArray(value)) {
        // A pair of Sentry's pair lists ([["Cookie", "…"]]), whose name the scrubber judges as a key's.
        if (!hasSecretKey && value.length === 2 && typeof value[0] === "string" && isSecretKey(value[0])) hasSecretKey = true;
        for (let i = value.length - 1; i >= 0; i--) {
          const element: unknown = value[i];
          // Scalars that need no check are not worth a frame.
          if (element !== null && typeof element !== "boolean" && !isPlainNumber(element)) {
            stack.push({ value: element, depth: depth + 1, parent: frame, key: i });
          }
        }
      } else {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          const bad = findUnstorableCharacter(key);
          if (bad) return fail(frame, { message: `key ${bad}` }, key);
          if (!hasSecretKey && isSecretKey(key)) hasSecretKey = true;
          const element = (value as Record<string, unknown>)[key];
          if (element !== null && typeof element !== "boolean" && !isPlainNumber(element)) {
            stack.push({ value: element, depth: depth + 1, parent: frame, key });
          }
        }
      }
    }
  }
  return { problem: null, hasSecretKey, hasSecretValue, hasExactNumber, expandedNumberChars };
}

/** A finite number JavaScript writes without an exponent, so as PostgreSQL writes it. */
function isPlainNumber(value: unknown): boolean {
  if (typeof value !== "number") return false;
  const size = Math.abs(value);
  return size === 0 || (size >= 1e-6 && size < 1e21);
}

/**
 * How many characters PostgreSQL's numeric (jsonb's numbers) writes for a JSON number
 * literal: no exponent, every digit the exponent implies ("1e308": 309, "1.5e-320": 323).
 */
export function numericTextLength(literal: string): number {
  const e = literal.search(/[eE]/);
  if (e < 0) return literal.length;
  const exponent = Number(literal.slice(e + 1));
  const negative = literal.startsWith("-");
  const mantissa = literal.slice(negative ? 1 : 0, e);
  const point = mantissa.indexOf(".");
  const intDigits = point < 0 ? mantissa.length : point;
  const fracDigits = point < 0 ? 0 : mantissa.length - point - 1;
  // The digits before the point once the exponent moved it, leading zeros dropped.
  const leadingZeros = /^[0.]*/.exec(mantissa)![0].replace(".", "").length;
  const zero = !/[1-9]/.test(mantissa);
  const scale = Math.max(0, fracDigits - exponent);
  const integerPart = zero ? 1 : Math.max(1, intDigits - Math.min(leadingZeros, intDigits) + exponent - Math.max(0, leadingZeros - intDigits));
  return (negative && !zero ? 1 : 0) + integerPart + (scale > 0 ? 1 + scale : 0);
}

const TOO_LARGE = "is a number too large to represent (beyond ±1.8e308)";
