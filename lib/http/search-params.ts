/**
 * A URL's query as Next.js hands a page its `searchParams`: one string per name, an array
 * for a name given more than once. Route handlers read it the way pages do, so a
 * repeated parameter means the same everywhere (the parsers take the first).
 */
export function searchParamsRecord(url: string | URL): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(url).searchParams) {
    const seen = record[name];
    record[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return record;
}

/** The first value of a parameter from searchParamsRecord (or a page's searchParams). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
