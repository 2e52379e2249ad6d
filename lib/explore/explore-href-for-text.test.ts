import { describe, expect, it } from "vitest";
import { exploreHrefForText } from "./explore-href-for-text";

describe("exploreHrefForText", () => {
  it.each([
    ["Solver diverged", "Solver diverged"],
    ["  ord_5521 ", "ord_5521"],
    ["hydro-v3 #803", "hydro-v3 #803"],
    ["type:SIM_FAILED usr_margaret", "type:SIM_FAILED usr_margaret"],
    // Not a query the language reads (an unknown field, an open quote): a phrase instead.
    ["https://example.com/x", '"https://example.com/x"'],
    ['say "hi', '"say \\"hi"'],
    // A lone surrogate (from a URL's %ED%A0%80) cannot be put in a URL as it is.
    ["run\ud800", "run\ufffd"],
    // Non-ASCII text is percent-encoded: a redirect's Location may hold no other.
    ["日本語 Müller", "日本語 Müller"],
    ["Müller", "Müller"],
  ])("%j → q=%j", (text, q) => {
    const href = exploreHrefForText(text);
    // Next's redirect() fails on a lone surrogate in the location (a 500 before the fix).
    expect(href.isWellFormed()).toBe(true);
    expect(href).toMatch(/^[\x21-\x7e]+$/);
    const url = new URL(href, "http://logdeck.test");
    expect(url.pathname).toBe("/explore");
    expect(url.searchParams.get("q")).toBe(q);
  });
});
