import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv-cell";

describe("csvCell", () => {
  it("neutralises formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
  });

  // Spreadsheets skip these before deciding whether a cell is a formula (OWASP).
  it.each([
    [" =1+1", "' =1+1"],
    ["\u00a0=1+1", "'\u00a0=1+1"],
    ["\u200b=1+1", "'\u200b=1+1"],
    ["\ufeff@SUM(A1)", "'\ufeff@SUM(A1)"],
    ["\u3000+1", "'\u3000+1"],
    ["\n=1+1", `"'\n=1+1"`],
    [" \u200b\u00a0 -1", "' \u200b\u00a0 -1"],
    ["\uff1dHYPERLINK()", "'\uff1dHYPERLINK()"],
    ["\uff0b1", "'\uff0b1"],
    ["\uff20SUM(A1)", "'\uff20SUM(A1)"],
    ["\ufe66cmd", "'\ufe66cmd"],
  ])("neutralises a formula after leading invisible characters or in a full-width form: %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves text that only starts with whitespace alone", () => {
    expect(csvCell(" a = b")).toBe(" a = b");
    expect(csvCell("\u00a0")).toBe("\u00a0");
  });

  it("quotes separators, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell("SIM_STEP")).toBe("SIM_STEP");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", null, 3])).toBe("a,,3\r\n");
  });
});
