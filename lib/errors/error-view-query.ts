// The errors view's state in the URL: window, severity and type filters, one group, list cursor.
import { z } from "zod";
import { isStorableText } from "@/lib/format/storable-text";
import { firstParam } from "@/lib/http/search-params";
import { isSeverity } from "@/lib/filters/log-enums";
import { ZErrorWindowSchema, type ErrorWindow } from "./error-window";

export interface ErrorViewQuery {
  window: ErrorWindow;
  severities: string[];
  types: string[];
  /** One group's fingerprint (`error_logs.fingerprint`), lower-case: the view shows only that group. */
  group?: string;
  cursor?: string;
  /** An absolute range (both set, from before to): overrides `window`. */
  from?: Date;
  to?: Date;
}

// Any 8-4-4-4-12 hex UUID, not only RFC 9562 ones: a fingerprint is an md5 cast to uuid,
// so its version and variant digits are arbitrary (z.uuid() would refuse most of them).
const ZGroupSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((s) => s.toLowerCase())
  .optional()
  .catch(undefined);

const list = (v: string | string[] | undefined) => [...new Set((Array.isArray(v) ? v : v ? [v] : []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))];

export function parseErrorViewQuery(params: Record<string, string | string[] | undefined>): ErrorViewQuery {
  return {
    window: ZErrorWindowSchema.parse(firstParam(params.window) ?? "24h"),
    severities: list(params.severity).filter(isSeverity),
    // No stored type holds a NUL or an unpaired surrogate: such a value is dropped, not queried.
    types: list(params.type).filter((t) => t.length <= 200 && isStorableText(t)).slice(0, 20),
    group: ZGroupSchema.parse(firstParam(params.group)),
    cursor: z.string().max(400).optional().catch(undefined).parse(firstParam(params.cursor)),
    ...absoluteRange(firstParam(params.from), firstParam(params.to)),
  };
}

const ZInstantSchema = z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional().catch(undefined);

/** from/to when both are instants, from before to; otherwise neither (the window applies). */
function absoluteRange(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  const a = ZInstantSchema.parse(from);
  const b = ZInstantSchema.parse(to);
  return a && b && a < b ? { from: a, to: b } : {};
}

export function errorViewHref(projectId: string, query: ErrorViewQuery): string {
  const params = new URLSearchParams();
  if (query.from && query.to) {
    params.set("from", query.from.toISOString());
    params.set("to", query.to.toISOString());
  } else if (query.window !== "24h") params.set("window", query.window);
  if (query.severities.length) params.set("severity", query.severities.join(","));
  if (query.types.length) params.set("type", query.types.join(","));
  if (query.group) params.set("group", query.group);
  if (query.cursor) params.set("cursor", query.cursor);
  const base = `/projects/${encodeURIComponent(projectId)}/errors`;
  return params.size ? `${base}?${params}` : base;
}
