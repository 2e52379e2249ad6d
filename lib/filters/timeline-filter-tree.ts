// The run timeline's filter form (kind, types, actor types, severities) as the same term
// tree the query language produces, so one module (./filter-sql.ts) turns both into SQL.
import type { FieldTerm, QueryField, QueryNode } from "@/lib/query/query-terms";
import type { TimelineFilters } from "@/lib/runs/timeline-filters";

const term = (field: QueryField, values: string[]): FieldTerm => ({
  type: "field",
  field,
  values: values.map((value) => ({ value, prefix: false })),
  negated: false,
  start: 0,
  end: 0,
});

export function timelineFilterTree(filters: TimelineFilters): QueryNode {
  const children: QueryNode[] = [];
  if (filters.kind) children.push(term("kind", [filters.kind]));
  if (filters.types.length) children.push(term("type", filters.types));
  if (filters.actorTypes.length) children.push(term("actorType", filters.actorTypes));
  if (filters.severities.length) children.push(term("severity", filters.severities));
  return { type: "and", children, start: 0, end: 0 };
}
