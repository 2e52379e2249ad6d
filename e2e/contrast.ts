// WCAG contrast of what a page shows, from the browser's computed colours: each visible
// text's colour (an SVG text's fill) over the background it is drawn on (the ancestors'
// background colours composited up to the first opaque one). Any CSS colour syntax (oklch,
// color-mix …) is turned into sRGB by drawing it on a canvas.
import type { Locator, Page } from "@playwright/test";

export interface LowContrast {
  text: string;
  element: string;
  color: string;
  background: string;
  ratio: number;
}

/** Text on the page (or in `scope`) whose contrast is below `min` (4.5 is WCAG AA for body text). */
export async function findLowContrast(page: Page, min: number, scope?: Locator): Promise<LowContrast[]> {
  const root = scope ? await scope.elementHandle() : await page.locator("body").elementHandle();
  return page.evaluate(
    ([rootElement, minimum]) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
      type Rgba = [number, number, number, number];
      const parse = (css: string): Rgba => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = "rgb(1, 2, 3)";
        ctx.fillStyle = css;
        if (ctx.fillStyle === "#010203" && css !== "rgb(1, 2, 3)") throw new Error(`the canvas cannot read the colour ${css}`);
        ctx.fillRect(0, 0, 1, 1);
        const d = ctx.getImageData(0, 0, 1, 1).data;
        return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
      };
      const over = (top: Rgba, bottom: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + bottom[i]! * (1 - top[3])).concat(1) as Rgba;
      const luminance = ([r, g, b]: Rgba) => {
        const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const ratio = (a: Rgba, b: Rgba) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi! + 0.05) / (lo! + 0.05);
      };
      const backgroundOf = (element: Element): Rgba => {
        const layers: Rgba[] = [];
        for (let e: Element | null = element; e; e = e.parentElement) {
          const bg = parse(getComputedStyle(e).backgroundColor);
          if (bg[3] > 0) layers.push(bg);
          if (bg[3] === 1) break;
        }
        // Nothing opaque behind it: the canvas colour of the page's colour scheme.
        let colour: Rgba = getComputedStyle(document.documentElement).colorScheme.includes("dark") ? [18, 18, 18, 1] : [255, 255, 255, 1];
        for (const layer of layers.reverse()) colour = over(layer, colour);
        return colour;
      };
      const shown = (e: Element) => {
        const rect = e.getBoundingClientRect();
        return rect.width > 1 && rect.height > 1 && e.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      };
      const found: { text: string; element: string; color: string; background: string; ratio: number }[] = [];
      const walker = document.createTreeWalker(rootElement as Element, NodeFilter.SHOW_TEXT);
      const seen = new Set<Element>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || seen.has(element) || !node.textContent?.trim()) continue;
        seen.add(element);
        if (element.closest("script, style, noscript, title, option, :disabled, [aria-hidden=true]") || !shown(element)) continue;
        const style = getComputedStyle(element);
        const background = backgroundOf(element);
        const color = over(parse(element instanceof SVGElement ? style.fill : style.color), background);
        const r = ratio(color, background);
        if (r < minimum)
          found.push({
            text: node.textContent.trim().slice(0, 60),
            element: `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`,
            color: `rgb(${color.slice(0, 3).map(Math.round).join(", ")})`,
            background: `rgb(${background.slice(0, 3).map(Math.round).join(", ")})`,
            ratio: Math.round(r * 100) / 100,
          });
      }
      return found;
    },
    [root, min] as const,
  );
}

/** The relative luminance (0 black … 1 white) of an element's own background colour. */
export async function backgroundLuminance(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    ctx.fillStyle = getComputedStyle(element).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...ctx.getImageData(0, 0, 1, 1).data].map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  });
}
