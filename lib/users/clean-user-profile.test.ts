import { describe, expect, it } from "vitest";
import { cleanUserImage, cleanUserName, MAX_USER_NAME_LENGTH } from "./clean-user-profile";

describe("cleanUserName", () => {
  it("keeps ordinary names, in any script", () => {
    expect(cleanUserName("Ada Lovelace")).toBe("Ada Lovelace");
    expect(cleanUserName("  José  Ñúñez ")).toBe("José Ñúñez");
    expect(cleanUserName("محمد")).toBe("محمد");
    expect(cleanUserName("山田 太郎 👩‍💻")).toBe("山田 太郎 👩‍💻".replace("\u200d", ""));
  });

  it("removes bidi controls, invisible and control characters that let a name imitate another", () => {
    expect(cleanUserName("admin\u202e\u2066nimda")).toBe("adminnimda");
    expect(cleanUserName("ad\u200bmin\u200e\u00ad")).toBe("admin");
    expect(cleanUserName("a\u0000b\u0007c\u007fd\u0085e")).toBe("abcd e");
    expect(cleanUserName("line\nbreak\u2028here")).toBe("line break here");
  });

  it("bounds the length, a 2 MB name included", () => {
    expect(Array.from(cleanUserName("x".repeat(2_000_000)))).toHaveLength(MAX_USER_NAME_LENGTH);
    expect(cleanUserName("\u202e".repeat(1_000_000))).toBe("");
  });
});

describe("cleanUserImage", () => {
  it("keeps http(s) URLs only", () => {
    expect(cleanUserImage("https://example.test/a.png")).toBe("https://example.test/a.png");
    for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "vbscript:x", "/relative.png", 42, `https://e.test/${"a".repeat(3000)}`]) {
      expect(cleanUserImage(bad), String(bad).slice(0, 40)).toBeNull();
    }
  });
});
