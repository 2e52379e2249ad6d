// A migration's SQL as its statements: split on `;` outside quotes, dollar-quoted bodies
// ($$ … $$, $fn$ … $fn$) and comments, each statement without its leading comments. For
// reading a migration (npm run db:partition applies one in steps); the database always
// receives a migration whole (atomic-scripts.ts).

export function sqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    if (rest.startsWith("--")) {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
    } else if (rest.startsWith("/*")) {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (sql[i] === "'" || sql[i] === '"') {
      const quote = sql[i]!;
      i++;
      while (i < sql.length) {
        if (sql[i] === quote && sql[i + 1] === quote) i += 2;
        else if (sql[i] === quote) break;
        else i++;
      }
      i++;
    } else if (sql[i] === "$" && /^\$[A-Za-z_]*\$/.test(rest)) {
      const tag = /^\$[A-Za-z_]*\$/.exec(rest)![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end === -1 ? sql.length : end + tag.length;
    } else if (sql[i] === ";") {
      push(sql.slice(start, i));
      i++;
      start = i;
    } else i++;
  }
  push(sql.slice(start));
  return statements;

  function push(text: string) {
    const statement = withoutLeadingComments(text).trim();
    if (statement) statements.push(statement);
  }
}

function withoutLeadingComments(text: string): string {
  let rest = text.trimStart();
  while (rest.startsWith("--")) {
    const end = rest.indexOf("\n");
    rest = end === -1 ? "" : rest.slice(end + 1).trimStart();
  }
  return rest;
}
