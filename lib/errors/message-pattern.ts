import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * How much of a message is normalised: enough to tell messages apart, and it bounds the
 * cost of the regular expressions.
 */
export const MESSAGE_PREFIX = 300;

/**
 * The normalised message of a column holding an error's message: the first
 * MESSAGE_PREFIX characters with UUIDs, hex ids and numbers replaced by <uuid>, <hex>
 * and <n>. The stored `error_logs.fingerprint` (a generated column, see the migration
 * 20261125214412_error_fingerprint) is md5 of the error type and exactly this
 * expression; the errors view computes it again only to show a group's pattern, for one
 * row per group. A test checks that the two definitions agree.
 */
export function messagePatternSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`regexp_replace(
    regexp_replace(
      regexp_replace(left(${column}, ${Prisma.raw(String(MESSAGE_PREFIX))}), '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '<uuid>', 'g'),
      '\\m(0x[0-9a-fA-F]+|(?=[a-fA-F]*[0-9])[0-9a-fA-F]{8,})\\M', '<hex>', 'g'),
    '\\d+(\\.\\d+)?', '<n>', 'g')`;
}

/** The fingerprint the database stores for an error type and message (for tests and checks). */
export function fingerprintSql(errorType: Prisma.Sql, message: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`md5(length(${errorType})::text || ':' || ${errorType} || ':' || ${messagePatternSql(message)})::uuid`;
}
