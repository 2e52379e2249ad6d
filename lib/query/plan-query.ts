// Stage 2 of 3: check the parsed terms against what the tables hold, so a value that can
// never match (severity:fatal, kind:log, a number too large) is a message at its place in
// the query, not an empty result. lib/filters/filter-sql.ts then turns the tree into SQL.
import { ACTOR_TYPES, LOG_KINDS, SEVERITIES, isActorType, isLogKind, isSeverity } from "@/lib/filters/log-enums";
import { parseQuery } from "./parse-query";
import { isAnyValue, QuerySyntaxError, type QueryNode } from "./query-terms";

const CLOSED: Record<string, { valid: (v: string) => boolean; values: readonly string[] }> = {
  kind: { valid: isLogKind, values: LOG_KINDS },
  severity: { valid: isSeverity, values: SEVERITIES },
  actorType: { valid: isActorType, values: ACTOR_TYPES },
};

/** The checked terms of `query`; throws QuerySyntaxError. */
export function planQuery(query: string): QueryNode {
  const tree = parseQuery(query);
  checkTerms(tree);
  return tree;
}

function checkTerms(node: QueryNode): void {
  if (node.type === "and" || node.type === "or") return node.children.forEach(checkTerms);
  if (node.type === "field" && CLOSED[node.field]) {
    const { valid, values } = CLOSED[node.field]!;
    for (const v of node.values) {
      if (isAnyValue(v)) continue;
      if (v.prefix || !valid(v.value)) throw new QuerySyntaxError(`${node.field} is one of ${values.join(", ")}; got "${v.value}${v.prefix ? "*" : ""}".`, node.start, node.end);
    }
  }
  if (node.type === "json") {
    for (const v of node.values) {
      if (v.kind === "number" && !Number.isFinite(v.value)) throw new QuerySyntaxError(`That number is too large to compare; use at most 15 digits.`, node.start, node.end);
    }
  }
}
