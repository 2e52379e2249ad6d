// The query language: every example docs/search.md gives and every error message, as tables.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateQueryParserSource } from "@/scripts/query-parser-source.mjs";
import { addTerm } from "./format-term";
import { MAX_QUERY_LENGTH, parseQuery } from "./parse-query";
import { QuerySyntaxError, type QueryNode } from "./query-terms";

/** A compact rendering of the tree, so each example's meaning fits on one line. */
function show(node: QueryNode): string {
  switch (node.type) {
    case "and":
    case "or":
      return `${node.type}(${node.children.map(show).join(" ")})`;
    case "text":
      return node.phrase ? `phrase[${node.value}]` : `word[${node.value}]`;
    case "field":
      return `${node.negated ? "not " : ""}${node.field}=${node.values.map((v) => v.value + (v.prefix ? "*" : "")).join("|")}`;
    case "json":
      return `${node.negated ? "not " : ""}${node.root}.${node.path.map((key) => (/^[\w$-]+$/.test(key) ? key : JSON.stringify(key))).join(".")}${node.op}${node.values.map((v) => `${v.kind}:${String(v.value)}${v.prefix ? "*" : ""}`).join("|")}`;
  }
}

const EXAMPLES: [string, string][] = [
  ["", "and()"],
  ["Solver diverged", "and(word[Solver] word[diverged])"],
  ['"Solver diverged"', "phrase[Solver diverged]"],
  ["ord_5521", "word[ord_5521]"],
  ["usr_margaret", "word[usr_margaret]"],
  ['"hydro-v3 #803"', "phrase[hydro-v3 #803]"],
  ["type:SIM_FAILED", "type=SIM_FAILED"],
  ["type:SIM_*", "type=SIM_*"],
  ["kind:error", "kind=error"],
  ["severity:critical,error", "severity=critical|error"],
  ["-severity:warning", "not severity=warning"],
  ["actor:usr_7", "actor=usr_7"],
  ["actorType:user", "actorType=user"],
  ["user:usr_margaret", "user=usr_margaret"],
  ["run:run_42", "run=run_42"],
  ["project:hydro", "project=hydro"],
  ["trace:0f8fad5b-d9cb-469f-a165-70867728950e", "trace=0f8fad5b-d9cb-469f-a165-70867728950e"],
  ["endpoint:/api/runs/:id/save", "endpoint=/api/runs/:id/save"],
  ['endpoint:"/api/a b"', "endpoint=/api/a b"],
  ["payload.step>20", "payload.step>number:20"],
  ["payload.step:>=20", "payload.step>=number:20"],
  ["payload.durationMs<1.5e3", "payload.durationMs<number:1500"],
  ["detail.attempt<=2", "detail.attempt<=number:2"],
  ["payload.field:rainfall", "payload.field=string:rainfall"],
  ['payload.field:"rain fall"', "payload.field=string:rain fall"],
  ["payload.value:42", "payload.value=number:42"],
  ['payload.value:"42"', "payload.value=string:42"],
  ["payload.done:true", "payload.done=boolean:true"],
  ["detail.user.id:null", "detail.user.id=null:null"],
  ["payload.model.name:hydro*", "payload.model.name=string:hydro*"],
  ["-payload.step:0,1", "not payload.step=number:0|number:1"],
  // OpenTelemetry attribute names hold dots: a quoted key is one key.
  ['payload.attributes."http.route":/login', 'payload.attributes."http.route"=string:/login'],
  ['payload."service.name".x:"a b"', 'payload."service.name".x=string:a b'],
  ['detail."a \\"q\\" b">=2', 'detail."a \\"q\\" b">=number:2'],
  ["type:SIM_FAILED project:hydro Solver", "and(type=SIM_FAILED project=hydro word[Solver])"],
  ["type:A AND type:B", "and(type=A type=B)"],
  ["type:A OR severity:critical", "or(type=A severity=critical)"],
  ["diverged (type:A OR type:B) -user:bot", "and(word[diverged] or(type=A type=B) not user=bot)"],
  ["a OR b c", "or(word[a] and(word[b] c))".replace("c)", "word[c])")],
  ['"say \\"hi\\""', 'phrase[say "hi"]'],
  ["10:32 -5 50% a_b \\x", "and(word[10:32] word[-5] word[50%] word[a_b] word[\\x])"],
  ['"OR"', "phrase[OR]"],
  ["ORDER ANDROID", "and(word[ORDER] word[ANDROID])"],
  ["(a)", "word[a]"],
];

describe("parseQuery", () => {
  it.each(EXAMPLES)("reads %j", (query, expected) => {
    expect(show(parseQuery(query))).toBe(expected);
  });

  it("gives each term its place in the text", () => {
    const tree = parseQuery('x "a b" -type:T');
    expect(tree.type).toBe("and");
    const [word, phrase, field] = (tree as { children: QueryNode[] }).children;
    expect([word!.start, word!.end, phrase!.start, phrase!.end, field!.start, field!.end]).toEqual([0, 1, 2, 7, 8, 15]);
  });

  it("reads a 10,000-character phrase and a query of SQL, regex and control characters as text", () => {
    const long = "x".repeat(MAX_QUERY_LENGTH - 2);
    expect(show(parseQuery(`"${long}"`))).toBe(`phrase[${long}]`);
    expect(show(parseQuery(`'; DROP TABLE x; -- .* _% \u0000 \u202E`))).toBe(`and(word[';] word[DROP] word[TABLE] word[x;] word[--] word[.*] word[_%] word[\u0000] word[\u202E])`);
  });
});

const ERRORS: [string, string, number][] = [
  ["foo:bar", 'Unknown field "foo". Fields: type, kind, severity, actor, actorType, user, run, project, trace, endpoint, payload.<path>, detail.<path>. To search for the text, put it in quotes: "foo:…".', 1],
  ["x -payloads.a:1", 'Unknown field "payloads.a". Fields: type, kind, severity, actor, actorType, user, run, project, trace, endpoint, payload.<path>, detail.<path>. To search for the text, put it in quotes: "payloads.a:…".', 4],
  ["type:", "type: needs a value after the colon, e.g. type:something.", 1],
  ["a payload.step:", "payload.step: needs a value after the colon, e.g. payload.step:20.", 3],
  ["payload.:1", 'payload. needs a key after the dot, e.g. payload.step:20 (a key with dots or spaces in quotes: payload."http.route":/login).', 1],
  ["payload.step>x", "A comparison (>, >=, <, <=) needs a number after it, e.g. payload.step>20.", 1],
  ['a "unclosed', 'This quote is never closed: add a " at the end of the phrase.', 3],
  ["(a b", "This ( is never closed: add a ) after its terms.", 1],
  ["a ()", "Empty parentheses: put a term between ( and ).", 3],
  ["a b)", "This ) has no ( before it: remove it, or put the text in quotes.", 4],
  ["a )", "This ) has no ( before it: remove it, or put the text in quotes.", 3],
  ["-(type:a)", "- excludes a field term only (-type:A); it cannot exclude a group in parentheses.", 1],
  ["OR x", 'OR goes between two terms (a OR b); to search for the word, put it in quotes: "OR".', 1],
  ["x AND", 'AND goes between two terms (a AND b); to search for the word, put it in quotes: "AND".', 3],
  ["x OR OR y", 'OR goes between two terms (a OR b); to search for the word, put it in quotes: "OR".', 6],
  ["x".repeat(MAX_QUERY_LENGTH + 1), "The query is 10,001 characters long; at most 10,000 are allowed.", MAX_QUERY_LENGTH + 1],
  [Array.from({ length: 101 }, (_, i) => `w${i}`).join(" "), 'The query has more than 100 terms; put a long text in "quotes" to search for it as one phrase.', 1 + Array.from({ length: 100 }, (_, i) => `w${i} `).join("").length],
  ["payload.n>=1e-400", "That number is too close to zero to compare; use at most 15 digits after the point.", 12],
  ["payload.n:-0.0001e-999", "That number is too close to zero to compare; use at most 15 digits after the point.", 11],
  ["(".repeat(11) + "a" + ")".repeat(11), "Parentheses are nested too deeply; at most 10 levels.", 11],
  ['"((((((((((((" (x ' + "(".repeat(4000), "Parentheses are nested too deeply; at most 10 levels.", 28],
];

describe("parseQuery errors", () => {
  it.each(ERRORS)("refuses %j", (query, message, column) => {
    let caught: unknown;
    try {
      parseQuery(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QuerySyntaxError);
    expect((caught as QuerySyntaxError).message).toBe(message);
    expect((caught as QuerySyntaxError).column).toBe(column);
  });
});

describe("the committed parser", () => {
  it("is generated from the grammar as it is now (run node scripts/generate-query-parser.mjs)", () => {
    const grammar = readFileSync(new URL("./query-grammar.peggy", import.meta.url), "utf8");
    const committed = readFileSync(new URL("./query-parser.generated.js", import.meta.url), "utf8");
    expect(committed === generateQueryParserSource(grammar)).toBe(true);
  });
});

describe("addTerm", () => {
  it.each([
    ["", "type", "SIM_STEP", false, "type:SIM_STEP"],
    ["solver", "user", "usr 1", false, 'solver user:"usr 1"'],
    ["solver", "type", 'a"b\\c', true, 'solver -type:"a\\"b\\\\c"'],
    ["a OR b", "run", "r1", false, "(a OR b) run:r1"],
    ["x", "type", "SIM_*", false, 'x type:"SIM_*"'],
  ] as const)("adds to %j: %s %j (exclude %s)", (query, field, value, exclude, expected) => {
    expect(addTerm(query, field, value, exclude)).toBe(expected);
    // And the result reads back as that exact value.
    const tree = parseQuery(expected);
    const last = tree.type === "and" ? tree.children.at(-1)! : tree;
    expect(last).toMatchObject({ type: "field", field, negated: exclude, values: [{ value, prefix: false }] });
  });
});
