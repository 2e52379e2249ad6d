import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { DARK_PALETTE_FILE, makeDarkPalette } from "./dark-palette";

const themeCss = readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8");
const value = (css: string, name: string) => css.match(new RegExp(`--color-${name}:\\s*([^;]+);`))?.[1];

describe("the dark palette", () => {
  it("is what the generator makes from the installed Tailwind (rerun it after an upgrade)", () => {
    expect(readFileSync(DARK_PALETTE_FILE, "utf8")).toBe(makeDarkPalette(themeCss));
  });

  it("mirrors accents and shifts greys so a card stays lighter than the page", () => {
    const dark = makeDarkPalette(themeCss);
    expect(value(dark, "red-100")).toBe(value(themeCss, "red-900"));
    expect(value(dark, "red-800")).toBe(value(themeCss, "red-200"));
    expect(value(dark, "sky-500")).toBe(value(themeCss, "sky-500"));
    expect(value(dark, "slate-50")).toBe(value(themeCss, "slate-950"));
    expect(value(dark, "white")).toBe(value(themeCss, "slate-900"));
    expect(value(dark, "slate-100")).toBe(value(themeCss, "slate-800"));
    expect(value(dark, "gray-900")).toBe(value(themeCss, "gray-50"));
  });

  it("covers every shade of every palette Tailwind defines", () => {
    const dark = makeDarkPalette(themeCss);
    const names = (css: string) => new Set([...css.matchAll(/--color-([a-z]+-\d+):/g)].map((m) => m[1]));
    expect(names(dark)).toEqual(names(themeCss));
  });
});
