import { BlockList, isIP } from "node:net";

/**
 * The address a request came from, for per-address sign-in limits, or null when it cannot
 * be told. Next.js passes X-Forwarded-For through as the client sent it, and fills it in
 * from the connection only when it is absent; so the header is believed only as far as
 * TRUST_PROXY says:
 * - no trusted proxies: only a header holding exactly one address (what Next.js sets for a
 *   direct connection). A list means someone wrote the header by hand: null.
 * - trusted proxies: walk the list from the right (entries appended by our own proxies)
 *   past every trusted proxy; the first address that is not one is the client.
 * IPv6 addresses count by their /64, which one client usually holds whole.
 */
export function clientAddress({ headers, trustedProxies }: { headers: Headers; trustedProxies: readonly string[] }): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  if (trustedProxies.length === 0) return entries.length === 1 ? normalizeAddress(entries[0]!) : null;
  const trusted = toBlockList(trustedProxies);
  for (let i = entries.length - 1; i >= 0; i--) {
    const address = normalizeAddress(entries[i]!);
    if (address === null) return null;
    if (!isTrusted(trusted, entries[i]!)) return address;
  }
  return null;
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

function toBlockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isTrusted(list: BlockList, entry: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(entry)?.[1];
  const address = mapped ?? entry;
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}
