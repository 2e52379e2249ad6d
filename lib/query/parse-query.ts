// Query text → typed terms (stage 1 of 3: parse, plan, render). The grammar is
// lib/query/query-grammar.peggy; every mistake becomes a QuerySyntaxError whose message
// says what to change and where.
import { parse as parseGenerated } from "./query-parser.generated.js";
import { QuerySyntaxError, type QueryNode } from "./query-terms";

/** Longer queries are refused (a 10,000-character phrase is still searched for). */
export const MAX_QUERY_LENGTH = 10_000;
/** Terms one query may hold: each is a condition on every row of the range. */
export const MAX_QUERY_TERMS = 100;
/** Parentheses inside parentheses, at most. */
export const MAX_QUERY_DEPTH = 10;

interface PeggyError {
  message: string;
  found: string | null;
  location?: { start: { offset: number }; end: { offset: number } };
}

const isPeggyError = (error: unknown): error is PeggyError => error instanceof Error && error.name === "SyntaxError" && "location" in error;

/** The terms of `query`; throws QuerySyntaxError. An empty query is an empty AND (everything). */
export function parseQuery(query: string): QueryNode {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(`The query is ${query.length.toLocaleString("en-US")} characters long; at most ${MAX_QUERY_LENGTH.toLocaleString("en-US")} are allowed.`, MAX_QUERY_LENGTH, query.length);
  }
  checkNesting(query);
  let tree: QueryNode;
  try {
    tree = parseGenerated(query) as QueryNode;
  } catch (error) {
    if (!isPeggyError(error)) throw error;
    throw toQuerySyntaxError(query, error);
  }
  checkSize(tree);
  return tree;
}

/** Refuses deep nesting before parsing: each level is a level of the parser's recursion. */
function checkNesting(query: string): void {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < query.length; i++) {
    const char = query[i];
    if (quoted) {
      if (char === "\\") i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "(" && ++depth > MAX_QUERY_DEPTH) throw new QuerySyntaxError(`Parentheses are nested too deeply; at most ${MAX_QUERY_DEPTH} levels.`, i, i + 1);
    else if (char === ")") depth = Math.max(0, depth - 1);
  }
}

function checkSize(tree: QueryNode): void {
  let terms = 0;
  const walk = (node: QueryNode) => {
    if (node.type === "and" || node.type === "or") {
      for (const child of node.children) walk(child);
      return;
    }
    terms += 1;
    if (terms > MAX_QUERY_TERMS) throw new QuerySyntaxError(`The query has more than ${MAX_QUERY_TERMS} terms; put a long text in "quotes" to search for it as one phrase.`, node.start, node.end);
  };
  walk(tree);
}

/** peggy's own "Expected … but … found" is for grammar authors; say what to change instead. */
function toQuerySyntaxError(query: string, error: PeggyError): QuerySyntaxError {
  const start = error.location?.start.offset ?? 0;
  const end = error.location?.end.offset ?? start;
  // Our grammar's own error() calls already speak plainly.
  if (!error.message.startsWith("Expected ")) return new QuerySyntaxError(error.message, start, end);
  if (error.found === ")") return new QuerySyntaxError("This ) has no ( before it: remove it, or put the text in quotes.", start, start + 1);
  const keyword = /(?<=^|[\s(])(AND|OR)(?=$|[\s)])/g;
  for (const match of query.matchAll(keyword)) {
    const before = query.slice(0, match.index).trimEnd();
    const after = query.slice(match.index + match[0].length).trimStart();
    if (before === "" || before.endsWith("(") || /(^|[\s(])(AND|OR)$/.test(before) || after === "" || after.startsWith(")")) {
      return new QuerySyntaxError(`${match[0]} goes between two terms (a ${match[0]} b); to search for the word, put it in quotes: "${match[0]}".`, match.index, match.index + match[0].length);
    }
  }
  return new QuerySyntaxError(`The query cannot be read from here; put text with special characters in "quotes".`, start, end);
}
