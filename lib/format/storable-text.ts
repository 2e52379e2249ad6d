// PostgreSQL's text cannot hold U+0000, and ingestion refuses a UTF-16 surrogate without
// its pair (lib/ingest/find-unstorable-character.ts says which and where, from this test).
// So no stored id, type or cursor key ever contains one: a value from a URL that does is
// not looked up (the bind parameter alone would fail with 22021 on PostgreSQL), it
// matches nothing.

/** Whether `text` could be stored (and so could equal a stored id or type). */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}
