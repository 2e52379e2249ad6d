/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750: the scheme in any case,
 * then one token with no spaces): undefined when there is no header, null when there is
 * one of another form (another scheme, no token, a token with spaces) — a caller that
 * sent credentials must be told they are wrong, not be treated as anonymous.
 */
export function readBearerToken(header: string | null): string | null | undefined {
  if (header === null) return undefined;
  const match = /^\s*bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
  return match ? match[1]! : null;
}
