import { describe, expect, it } from "vitest";
import { encodeCopyRow, encodeCopyValue } from "./copy";

describe("COPY text encoding", () => {
  it("writes null as \\N and escapes what COPY would read as structure", () => {
    expect(encodeCopyValue(null)).toBe("\\N");
    expect(encodeCopyValue("a\tb\nc\\d\re")).toBe("a\\tb\\nc\\\\d\\re");
  });

  it("writes dates as ISO-8601 UTC and objects as JSON", () => {
    expect(encodeCopyValue(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678Z");
    expect(encodeCopyValue({ a: "x\ty" })).toBe('{"a":"x\\\\ty"}');
  });

  it("joins a row with tabs and ends it with a newline", () => {
    expect(encodeCopyRow(["a", null, 3])).toBe("a\t\\N\t3\n");
  });
});
