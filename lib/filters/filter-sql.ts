// Filters → SQL, in one place: the run timeline's filters and the query language both
// compile into a tree of terms (lib/query/query-terms.ts), and this turns the tree into
// the WHERE condition of one log table. Every value is a bound parameter; patterns are
// escaped. A condition that cannot hold on a table (severity on events, a user on errors)
// folds to `false`, so a caller can leave that table out of the statement altogether.
import { Prisma } from "@/lib/generated/prisma/client";
import { isStorableText } from "@/lib/format/storable-text";
import { isAnyValue, type FieldTerm, type JsonTerm, type QueryField, type QueryNode, type TextTerm } from "@/lib/query/query-terms";
import type { LogKind } from "./log-enums";

/** A table's condition: SQL, or a constant the planner already knows. */
export type Condition = Prisma.Sql | boolean;

/**
 * The text free-text terms search, per table. The migration that indexes it
 * (prisma/migrations/20261207200000_explore_search) spells the same expressions: change
 * both together, or the planner stops using the index.
 */
export const SEARCH_TEXT: Record<LogKind, string> = {
  event: "(event_type || ' ' || payload::text)",
  error: "(error_type || ' ' || message || ' ' || coalesce(stack, '') || ' ' || coalesce(endpoint, '') || ' ' || coalesce(detail::text, ''))",
};

const COLUMNS: Record<LogKind, Partial<Record<Exclude<QueryField, "kind">, string>>> = {
  event: { type: "event_type", actor: "actor_id", actorType: "actor_type", user: "user_id", run: "run_id", project: "project_id" },
  error: { type: "error_type", severity: "severity", run: "run_id", project: "project_id", trace: "trace_id", endpoint: "endpoint" },
};

const JSON_COLUMN: Record<LogKind, JsonTerm["root"]> = { event: "payload", error: "detail" };

/** `value` as a LIKE pattern that matches it literally (backslash is LIKE's escape). */
export function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The condition `node` puts on rows of `kind`'s table. */
export function filterCondition(node: QueryNode, kind: LogKind): Condition {
  switch (node.type) {
    case "and":
      return combine(node.children.map((child) => filterCondition(child, kind)), "and");
    case "or":
      return combine(node.children.map((child) => filterCondition(child, kind)), "or");
    case "text":
      return textCondition(node, kind);
    case "field":
      return negate(fieldCondition(node, kind), node.negated);
    case "json":
      return negate(jsonCondition(node, kind), node.negated);
  }
}

/** `condition` as SQL (constants become TRUE/FALSE). */
export function conditionSql(condition: Condition): Prisma.Sql {
  return condition === true ? Prisma.sql`TRUE` : condition === false ? Prisma.sql`FALSE` : condition;
}

function combine(conditions: Condition[], op: "and" | "or"): Condition {
  const absorbing = op === "or";
  if (conditions.includes(absorbing)) return absorbing;
  const rest = conditions.filter((c): c is Prisma.Sql => typeof c !== "boolean");
  if (rest.length === 0) return !absorbing;
  if (rest.length === 1) return rest[0]!;
  return Prisma.sql`(${Prisma.join(rest, op === "and" ? " AND " : " OR ")})`;
}

/** NOT, where a row without the field (NULL) counts as not matching, so the negation keeps it. */
function negate(condition: Condition, negated: boolean): Condition {
  if (!negated) return condition;
  if (typeof condition === "boolean") return !condition;
  return Prisma.sql`NOT COALESCE(${condition}, FALSE)`;
}

function textCondition(term: TextTerm, kind: LogKind): Condition {
  // No stored text holds a NUL or a lone surrogate (nor could it be bound as a parameter).
  if (!isStorableText(term.value)) return false;
  return Prisma.sql`${Prisma.raw(SEARCH_TEXT[kind])} ILIKE ${`%${likeLiteral(term.value)}%`}`;
}

function fieldCondition(term: FieldTerm, kind: LogKind): Condition {
  if (term.field === "kind") return term.values.some((v) => isAnyValue(v) || v.value === kind);
  const column = COLUMNS[kind][term.field];
  if (!column) return false;
  const values = term.values.filter((v) => isStorableText(v.value));
  const exact = values.filter((v) => !v.prefix).map((v) => v.value);
  const parts: Prisma.Sql[] = [];
  const col = Prisma.raw(column);
  if (exact.length === 1) parts.push(Prisma.sql`${col} = ${exact[0]}`);
  else if (exact.length > 1) parts.push(Prisma.sql`${col} = ANY(${exact}::text[])`);
  for (const v of values.filter((v) => v.prefix)) parts.push(Prisma.sql`${col} LIKE ${`${likeLiteral(v.value)}%`}`);
  return combine(parts, "or");
}

function jsonCondition(term: JsonTerm, kind: LogKind): Condition {
  if (JSON_COLUMN[kind] !== term.root) return false;
  if (term.path.some((key) => !isStorableText(key))) return false;
  const at = Prisma.sql`(${Prisma.raw(term.root)} #> ${term.path}::text[])`;
  const atText = Prisma.sql`(${Prisma.raw(term.root)} #>> ${term.path}::text[])`;
  if (term.op !== "=") {
    const value = term.values[0]!.value as number;
    const op = Prisma.raw(term.op);
    // The CASE keeps the cast from ever seeing a non-number (a string "abc" would fail it).
    return Prisma.sql`(CASE WHEN jsonb_typeof(${at}) = 'number' THEN ${atText}::numeric ${op} ${String(value)}::numeric END)`;
  }
  const parts = term.values.map((v): Condition => {
    switch (v.kind) {
      case "null":
        return Prisma.sql`jsonb_typeof(${at}) = 'null'`;
      case "boolean":
        return Prisma.sql`${at} = to_jsonb(${v.value}::boolean)`;
      case "number":
        return Prisma.sql`${at} = to_jsonb(${String(v.value)}::numeric)`;
      case "string":
        if (!isStorableText(v.value)) return false;
        // `payload.a:*`: any value but JSON null (NULL, no match, when the path is absent).
        if (isAnyValue(v)) return Prisma.sql`(jsonb_typeof(${at}) <> 'null')`;
        return v.prefix
          ? Prisma.sql`(jsonb_typeof(${at}) = 'string' AND ${atText} LIKE ${`${likeLiteral(v.value)}%`})`
          : Prisma.sql`${at} = to_jsonb(${v.value}::text)`;
    }
  });
  return combine(parts, "or");
}
