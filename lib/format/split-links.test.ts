import { describe, expect, it } from "vitest";
import { splitLinks } from "./split-links";

describe("splitLinks", () => {
  it("links http(s) URLs and keeps the rest as text", () => {
    const text = "see https://example.com/a?b=1, then http://x.test/y.";
    const parts = splitLinks(text);
    expect(parts).toEqual([
      { text: "see " },
      { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { text: ", then " },
      { text: "http://x.test/y", href: "http://x.test/y" },
      { text: "." },
    ]);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });

  it("never links other schemes or markup", () => {
    for (const text of ['javascript:alert(1)', "data:text/html;base64,PHNjcmlwdD4=", '<a href="javascript:alert(1)">x</a>', "<img src=x onerror=alert(1)>", "vbscript:msgbox"]) {
      expect(splitLinks(text).every((p) => p.href === undefined)).toBe(true);
      expect(splitLinks(text).map((p) => p.text).join("")).toBe(text);
    }
  });

  it("does not let a URL carry quotes or angle brackets into the link", () => {
    const parts = splitLinks('"https://evil.test/"><script>alert(1)</script>');
    expect(parts.filter((p) => p.href).map((p) => p.href)).toEqual(["https://evil.test/"]);
  });
});
