import { isIP } from "node:net";

import proxyaddr from "proxy-addr";

/**
 * The address a request came from, for per-address sign-in limits, or null when it cannot
 * be told. Next.js passes X-Forwarded-For through as the client sent it, and fills it in
 * from the connection only when it is absent; so the header is believed only as far as
 * TRUST_PROXY says:
 * - no trusted proxies: only a header holding exactly one address (what Next.js sets for a
 *   direct connection). A list means someone wrote the header by hand: null.
 * - trusted proxies: proxy-addr (Express's) walks the list from the right (entries appended
 *   by our own proxies) past every trusted proxy; the first address that is not one is the
 *   client. The connection itself is one of our proxies (Next.js does not give its address).
 * IPv6 addresses count by their /64, which one client usually holds whole.
 */
export function clientAddress({ headers, trustedProxies }: { headers: Headers; trustedProxies: readonly string[] }): string | null {
  const header = headers.get("x-forwarded-for") ?? "";
  const entries = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  if (trustedProxies.length === 0) return entries.length === 1 ? normalizeAddress(entries[0]!) : null;
  const trusted = compiledTrust(trustedProxies);
  // Index 0 is the connection: a proxy of ours by construction.
  const request = { socket: { remoteAddress: "0.0.0.0" }, headers: { "x-forwarded-for": header } } as unknown as Parameters<typeof proxyaddr>[0];
  const client = proxyaddr(request, (address, index) => index === 0 || trusted(address, index));
  // Every hop a proxy of ours: no client in the header.
  return trusted(client, 1) ? null : normalizeAddress(client);
}

let compiled: { key: string; trust: (address: string, index: number) => boolean } | null = null;

function compiledTrust(trustedProxies: readonly string[]): (address: string, index: number) => boolean {
  const key = trustedProxies.join(",");
  if (compiled?.key !== key) compiled = { key, trust: proxyaddr.compile([...trustedProxies]) };
  return compiled.trust;
}

function normalizeAddress(entry: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(entry)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  const family = isIP(entry);
  if (family === 4) return entry;
  if (family !== 6) return null;
  return `${expandIpv6(entry).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  const [left = "", right] = address.toLowerCase().split("::");
  const head = left ? left.split(":") : [];
  const tail = right ? right.split(":") : [];
  const zeros = right === undefined ? [] : Array<string>(8 - head.length - tail.length).fill("0");
  return [...head, ...zeros, ...tail].map((group) => group.replace(/^0+(?=.)/, ""));
}
