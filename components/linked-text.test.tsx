import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { showBidiControls } from "@/lib/format/split-links";
import { LinkedText } from "./linked-text";

// After U+202E (right-to-left override) the rest is drawn backwards: "moc.live" would
// show as "evil.com", so the link would read "https://bank.test/evil.com".
const SPOOF = "see https://bank.test/\u202Emoc.live\u202C and \u2067isolated\u2069 text";

describe("LinkedText", () => {
  it("shows bidi controls as escapes, inside links and out, and keeps the link's target", () => {
    const html = renderToStaticMarkup(<LinkedText text={SPOOF} />);
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain(">https://bank.test/\\u202Emoc.live\\u202C</a>");
    expect(html).toContain("\\u2067isolated\\u2069 text");
    expect(html).toContain('href="https://bank.test/%E2%80%AEmoc.live%E2%80%AC"');
  });

  it("escapes them in text without a link too, and leaves other text alone", () => {
    expect(renderToStaticMarkup(<LinkedText text={"a\u202Db"} />)).toBe("a\\u202Db");
    expect(renderToStaticMarkup(<LinkedText text="plain שלום text" />)).toBe("plain שלום text");
  });
});

describe("showBidiControls", () => {
  it("escapes every embedding, override and isolate, nothing else", () => {
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c) => String.fromCharCode(c)).join("");
    expect(showBidiControls(controls)).toBe("\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069");
    expect(showBidiControls("left \u200F right \u2029")).toBe("left \u200F right \u2029");
  });
});
