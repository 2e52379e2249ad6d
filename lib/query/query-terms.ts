// The typed terms a search query parses into (lib/query/query-grammar.peggy), each with
// its [start, end) offsets in the query text. No dependencies: the browser may use them.

export const QUERY_FIELDS = ["type", "kind", "severity", "actor", "actorType", "user", "run", "project", "trace", "endpoint"] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

interface Located {
  start: number;
  end: number;
}

/** A word or "quoted phrase": a case-insensitive substring of the row's text. */
export interface TextTerm extends Located {
  type: "text";
  value: string;
  phrase: boolean;
  negated: false;
}

/** `field:a,b` (any of them), `-field:a` (none of them); `prefix`: the value ended in `*`. */
export interface FieldTerm extends Located {
  type: "field";
  field: QueryField;
  values: { value: string; prefix: boolean }[];
  negated: boolean;
}

/** `field:*` (`*` alone, read as the empty prefix): any value, the field is set. */
export const isAnyValue = (v: { value: unknown; prefix: boolean }): boolean => v.prefix && v.value === "";

export type JsonValue =
  | { kind: "string"; value: string; prefix: boolean }
  | { kind: "number"; value: number; prefix: false }
  | { kind: "boolean"; value: boolean; prefix: false }
  | { kind: "null"; value: null; prefix: false };

/** `payload.a.b:value`, `detail.a.b>=3`: a JSON field of the event's payload or the error's detail. */
export interface JsonTerm extends Located {
  type: "json";
  root: "payload" | "detail";
  path: string[];
  op: "=" | ">" | ">=" | "<" | "<=";
  values: JsonValue[];
  negated: boolean;
}

export interface BoolNode extends Located {
  type: "and" | "or";
  children: QueryNode[];
}

export type QueryTerm = TextTerm | FieldTerm | JsonTerm;
export type QueryNode = QueryTerm | BoolNode;

/** A query the language cannot read: the message says what to change, at `start` (0-based). */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = "QuerySyntaxError";
  }
  /** 1-based, as shown under the box. */
  get column(): number {
    return this.start + 1;
  }
}
