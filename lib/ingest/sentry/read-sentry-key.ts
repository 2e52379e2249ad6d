// Where Sentry SDKs put the public key (the DSN's user part), in the order we look:
// `?sentry_key=` (browser SDKs), `X-Sentry-Auth: Sentry sentry_key=…` (server SDKs),
// `Authorization: Sentry sentry_key=…`, `Authorization: Bearer <key>` or `Authorization:
// DSN <dsn>`; and, for tunnels, the envelope header's `dsn` (read by the caller).

import { readBearerToken } from "@/lib/http/read-bearer-token";

/** The sentry_key of a `Sentry sentry_key=…, sentry_version=7` header value. */
function fromSentryAuth(value: string): string | undefined {
  if (!/^\s*sentry\s/i.test(value)) return undefined;
  for (const part of value.replace(/^\s*sentry\s+/i, "").split(",")) {
    const [name, ...rest] = part.split("=");
    if (name?.trim().toLowerCase() === "sentry_key") return rest.join("=").trim();
  }
  return undefined;
}

/** The public key of a DSN, `https://<key>@host/<n>`. */
export function keyFromDsn(dsn: unknown): string | undefined {
  if (typeof dsn !== "string") return undefined;
  try {
    return decodeURIComponent(new URL(dsn).username) || undefined;
  } catch {
    return undefined;
  }
}

export function readSentryKey(request: Request): string | undefined {
  const query = new URL(request.url).searchParams.get("sentry_key");
  if (query) return query;
  const sentryAuth = request.headers.get("x-sentry-auth");
  if (sentryAuth) {
    const key = fromSentryAuth(sentryAuth);
    if (key) return key;
  }
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const key = fromSentryAuth(authorization) ?? readBearerToken(authorization) ?? keyFromDsn(/^\s*dsn\s+(\S+)\s*$/i.exec(authorization)?.[1]);
    if (key) return key;
  }
  return undefined;
}
