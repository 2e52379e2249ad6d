import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const at = (xff: string | null, trustedProxies: string[] = []) =>
  clientAddress({ headers: new Headers(xff === null ? {} : { "x-forwarded-for": xff }), trustedProxies });

describe("clientAddress without trusted proxies", () => {
  it("takes the one address Next.js fills in for a direct connection", () => {
    expect(at("198.51.100.7")).toBe("198.51.100.7");
    expect(at("::ffff:127.0.0.1")).toBe("127.0.0.1");
  });

  it("believes no list: a client wrote it", () => {
    expect(at("1.2.3.4, 198.51.100.7")).toBeNull();
  });

  it("has no address without the header or with junk in it", () => {
    expect(at(null)).toBeNull();
    expect(at("not-an-ip")).toBeNull();
    expect(at("")).toBeNull();
  });

  it("counts IPv6 clients by their /64", () => {
    expect(at("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(at("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(at("2001:0db8:0001:0002::")).toBe("2001:db8:1:2::/64");
  });
});

describe("clientAddress behind trusted proxies", () => {
  const proxies = ["10.0.0.0/8", "127.0.0.1"];

  it("takes the first untrusted address from the right, whatever the client prepended", () => {
    expect(at("6.6.6.6, 203.0.113.9, 10.1.2.3", proxies)).toBe("203.0.113.9");
    expect(at("203.0.113.9, 127.0.0.1", proxies)).toBe("203.0.113.9");
    expect(at("203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(at("203.0.113.9, ::ffff:10.0.0.1", proxies)).toBe("203.0.113.9");
    expect(at("2001:db8:1:2::5, 10.0.0.1", proxies)).toBe("2001:db8:1:2::/64");
  });

  it("gives up on junk in the part it would have to believe", () => {
    expect(at("203.0.113.9, garbage, 10.0.0.1", proxies)).toBeNull();
  });

  it("has no client when every hop is a proxy", () => {
    expect(at("10.0.0.1, 10.0.0.2", proxies)).toBeNull();
  });
});
