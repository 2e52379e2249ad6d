// zod building blocks shared by the event and error schemas. Every refusal says what is
// wrong in words a caller can act on, and size refusals carry the limit's variable name
// in `params.limit` (the handler answers those with 413).
import { z } from "zod";
import { stringifyJsonExactly } from "@/lib/format/exact-json";
import { findUnstorableCharacter } from "./find-unstorable-character";
import type { IngestLimits } from "./ingest-limits";
import { inspectJsonValue } from "./inspect-json-value";
import { parseIsoTimestamp } from "./parse-iso-timestamp";
import { createSecretScrubber, hasSecretValue, isSecretKey, scrubSecretValues } from "./scrub-secrets";

const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${expected}`;

// What an id may not hold: control characters (C0, DEL, C1 — ANSI escapes reach terminals
// through exports and CLIs), and the invisible format characters (zero-width, bidi
// controls, BOM) that make two ids look alike or one look like nothing.
// Controls (C0, C1), format characters (zero-width, bidi controls including U+061C, tags,
// BOM…), line and paragraph separators, and whatever Unicode says renders as nothing
// (fillers, variation selectors, U+034F): an id holding one looks like another id.
const INVISIBLE_IN_ID = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** What is wrong with `value` as an id (a control or invisible character, edge whitespace), or null. */
export function identifierProblem(value: string): string | null {
  return INVISIBLE_IN_ID.test(value) || value.trim() !== value ? describeBadIdentifier(value) : null;
}

function describeBadIdentifier(value: string): string {
  const match = INVISIBLE_IN_ID.exec(value);
  if (match) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `contains U+${code} at position ${match.index}, a control or invisible character, which an id may not hold`;
  }
  return "must not begin or end with whitespace";
}

/**
 * The most UTF-8 bytes an indexed column's value may have. A btree entry holds at most
 * 2,704 bytes (PostgreSQL refuses the insert beyond that); the widest indexes hold a run
 * or project id and a type, (run_id, event_type), so ids get 512 bytes and types 1,024.
 * The character limits are below these for ASCII; text of 3- and 4-byte characters (CJK,
 * emoji) can reach them first.
 */
export const INDEXED_ID_MAX_BYTES = 512;
export const INDEXED_TYPE_MAX_BYTES = 1_024;

/**
 * A string of at most `max` characters (limit named by `limit`) — and, for an indexed
 * column, at most `maxBytes` bytes as UTF-8 — that PostgreSQL can store.
 */
export function zStoredString(max: number, limit: string, { allowEmpty = false, maxBytes = Infinity, identifier = false } = {}) {
  return zCheckedString(max, limit, { allowEmpty, maxBytes, identifier });
}

/** As zStoredString, with credentials inside the text filtered (scrub-secrets.ts): message, stack, endpoint. */
export function zScrubbedText(max: number, limit: string, { allowEmpty = false } = {}) {
  return zCheckedString(max, limit, { allowEmpty, maxBytes: Infinity, identifier: false }).transform(scrubSecretValues);
}

function zCheckedString(max: number, limit: string, { allowEmpty, maxBytes, identifier }: { allowEmpty: boolean; maxBytes: number; identifier: boolean }) {
  return z.string({ error: typeError("a string") }).superRefine((value, ctx) => {
    if (!allowEmpty && value.length === 0) ctx.addIssue({ code: "custom", message: "must not be empty" });
    else if (identifier && identifierProblem(value)) ctx.addIssue({ code: "custom", message: identifierProblem(value)! });
    else if (value.length > max) ctx.addIssue({ code: "custom", message: `is longer than ${max} characters (${limit})`, params: { limit } });
    // A UTF-16 unit is at most 3 bytes of UTF-8: shorter strings need no count.
    else if (value.length * 3 > maxBytes && Buffer.byteLength(value, "utf8") > maxBytes) {
      ctx.addIssue({
        code: "custom",
        message: `is ${Buffer.byteLength(value, "utf8")} bytes as UTF-8, more than the ${maxBytes} bytes an indexed field can hold`,
        params: { limit },
      });
    } else {
      const bad = findUnstorableCharacter(value);
      if (bad) ctx.addIssue({ code: "custom", message: bad });
    }
  });
}

export function zEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(", ")}` });
}

/** A UUID (any version), stored in lowercase so lookups by traceId never miss on case. */
export const ZUuidSchema = z
  .string({ error: typeError("a UUID string") })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "must be a UUID such as 123e4567-e89b-42d3-a456-426614174000" })
  .transform((value) => value.toLowerCase());

const EARLIEST = Date.UTC(1970, 0, 1);

/**
 * An ISO-8601 timestamp with a zone, from 1970 on. How far ahead it may be depends on the
 * time of receipt, so that is checked per request (check-created-at.ts), letting this
 * schema be built once: zod compiles each object schema on first use.
 */
export const ZTimestampSchema = z
  .string({ error: typeError("an ISO-8601 timestamp string, e.g. 2025-01-31T12:00:00.000Z") })
  .transform((value, ctx) => {
    const date = parseIsoTimestamp(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T12:00:00.000Z" });
      return z.NEVER;
    }
    if (date.getTime() < EARLIEST) {
      ctx.addIssue({ code: "custom", message: "is before 1970-01-01T00:00:00Z" });
      return z.NEVER;
    }
    return date;
  });

/**
 * Any JSON value (or only objects), checked for what jsonb cannot store and for the
 * nesting limit, scrubbed of secrets, and returned serialized — the form it is inserted
 * in — once its size is known to be within INGEST_MAX_PAYLOAD_BYTES. Not z.record: that
 * would copy keys into a fresh object, where a "__proto__" key would vanish.
 */
export function zJsonText(limits: IngestLimits, scrubKeys: readonly string[], { objectOnly }: { objectOnly: boolean }) {
  const scrub = createSecretScrubber(scrubKeys);
  const secretCache = new Map<string, boolean>();
  const isSecret = (key: string) => {
    let secret = secretCache.get(key);
    if (secret === undefined) {
      secret = isSecretKey(key, scrubKeys);
      if (secretCache.size < 10_000) secretCache.set(key, secret);
    }
    return secret;
  };
  return z.unknown().transform((value, ctx) => {
    if (objectOnly && (value === null || typeof value !== "object" || Array.isArray(value))) {
      ctx.addIssue({ code: "custom", message: `must be a JSON object, not ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}` });
      return z.NEVER;
    }
    const { problem, hasSecretKey, hasSecretValue: hasSecretText, hasExactNumber, expandedNumberChars } = inspectJsonValue(value, { maxDepth: limits.maxDepth, isSecretKey: isSecret, isSecretValue: hasSecretValue });
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem.message, path: problem.path, params: problem.limit ? { limit: problem.limit } : undefined });
      return z.NEVER;
    }
    // The replacer costs a call per key: only pay it when there is something to filter.
    const replacer = hasSecretKey || hasSecretText ? scrub : undefined;
    // A number a double cannot hold is written as it was sent (lossless-json's stringify is
    // slower than the engine's, so only then).
    const json = hasExactNumber ? stringifyJsonExactly(value, replacer) : JSON.stringify(value, replacer);
    // As stored: a number with an exponent is written out in full (see inspectJsonValue).
    const bytes = Buffer.byteLength(json, "utf8") + expandedNumberChars;
    if (bytes > limits.maxPayloadBytes) {
      ctx.addIssue({
        code: "custom",
        message: `is ${bytes} bytes as JSON${expandedNumberChars ? " with its numbers written out in full, as they are stored" : ""}, more than ${limits.maxPayloadBytes} (INGEST_MAX_PAYLOAD_BYTES)`,
        params: { limit: "INGEST_MAX_PAYLOAD_BYTES" },
      });
      return z.NEVER;
    }
    return json;
  });
}
