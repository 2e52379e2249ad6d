// Regenerates lib/query/query-parser.generated.js from lib/query/query-grammar.peggy.
// The generated parser is committed, so the app, tsx scripts and tests import it with no
// build step; lib/query/query-parser.test.ts fails when it is out of date.
//   node scripts/generate-query-parser.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateQueryParserSource } from "./query-parser-source.mjs";

const target = fileURLToPath(new URL("../lib/query/query-parser.generated.js", import.meta.url));
const grammar = readFileSync(fileURLToPath(new URL("../lib/query/query-grammar.peggy", import.meta.url)), "utf8");
writeFileSync(target, generateQueryParserSource(grammar));
console.log(`wrote ${target}`);
