import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { TimelineRowDto } from "@/lib/runs/to-timeline-dto";
import { TimelineTable } from "./timeline-table";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push() {} }) }));

const t0 = Date.parse("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();
const rows: TimelineRowDto[] = [
  { kind: "event", id: "ev 2", createdAt: at(3_600_000), sinceStartMs: 3_600_000, type: "SIM_STEP", actor: "user:u1", dataJson: '{"a":1}' },
  { kind: "error", id: "err1", createdAt: at(60_000), sinceStartMs: 60_000, type: "API_ERROR", severity: "critical", message: "boom", dataJson: "null" },
  { kind: "event", id: "ev0", createdAt: at(0), sinceStartMs: 0, type: "SIM_STARTED", dataJson: "{}" },
];

function render(props: Partial<Parameters<typeof TimelineTable>[0]> = {}) {
  const html = renderToStaticMarkup(<TimelineTable runId="r 1" rows={rows} highlightId={null} order="desc" live={null} {...props} />);
  // Each <tr>'s attributes and content: enough of the structure for these checks, without a DOM.
  return { html, rows: () => [...html.matchAll(/<tr( [^>]*)?>(.*?)<\/tr>/gs)].map((m) => ({ attrs: m[1] ?? "", body: m[2]! })) };
}

// The markup app/globals.css (`.timeline …`) and the e2e specs rely on.
describe("TimelineTable's markup", () => {
  it("is a `timeline` table of `timeline-row`s, each cell classed by its column, with no per-cell labels", () => {
    const page = render();
    expect(page.html).toMatch(/^<div><div class="overflow-x-auto"><table class="timeline /);
    expect(page.html).toContain('<colgroup><col class="w-8"/><col class="w-52"/><col class="w-28"/><col class="w-56"/><col class="w-36"/><col/><col class="w-12"/></colgroup>');
    expect(page.html).toContain('<th class="px-2 py-2"><span class="sr-only">Expand</span></th><th class="px-2 py-2">Time</th>');
    expect(page.html).not.toContain("data-label");
    const [header, first, second] = page.rows().filter((r) => r.attrs !== ' aria-label="gap"');
    expect(header!.body).toContain(">Link</th>");
    expect(first!.attrs).toBe(' id="row-ev 2" class="timeline-row"');
    expect(first!.body).toMatch(/^<td><button type="button" aria-expanded="false" aria-label="Expand event SIM_STEP" class="timeline-toggle">▸<\/button><\/td><td class="timeline-cell-time">/);
    for (const cell of ["time", "since", "type", "who", "summary"]) expect(first!.body).toContain(`<td class="timeline-cell-${cell}">`);
    expect(first!.body).toMatch(/<td><a href="\/runs\/r%201\?at=ev%202#row-ev%202" class="timeline-link" [^>]*aria-label="Permalink to event ev 2">#<\/a><\/td>$/);
    expect(second!.attrs).toBe(' id="row-err1" class="timeline-row timeline-row-error"');
    expect(second!.body).toContain('<td class="timeline-cell-who"><span class="inline-flex rounded px-1.5 py-0.5 font-sans text-xs font-medium ring-1 ring-inset bg-red-700 text-white ring-red-800">critical</span></td>');
  });

  it("opens, marks and links the row `at` names, its detail in the row below", () => {
    const page = render({ highlightId: "err1" });
    const all = page.rows();
    const index = all.findIndex((r) => r.attrs.includes('id="row-err1"'));
    expect(all[index]!.attrs).toContain('class="timeline-row timeline-row-highlighted"');
    expect(all[index]!.body).toContain('aria-expanded="true" aria-controls="detail-error-err1" aria-label="Collapse error API_ERROR"');
    expect(all[index + 1]!.attrs).toBe(' id="detail-error-err1" class="row-detail"');
    expect(all[index + 1]!.body).toMatch(/^<td><\/td><td colSpan="6" class="pb-3"><div class="space-y-2">/);
    expect(page.html.match(/id="detail-/g)).toHaveLength(1);
  });

  it("marks long pauses above a row and below the page's last, across the page's edges", () => {
    const page = render({ edges: { before: at(7_200_000), after: at(-600_000) } });
    const gaps = page.rows().filter((r) => r.attrs === ' aria-label="gap"');
    expect(gaps.map((g) => g.body.replace(/<[^>]+>/g, ""))).toEqual(["⋯ 1 h with nothing logged ⋯", "⋯ 59 min with nothing logged ⋯", "⋯ 10 min with nothing logged before the next page ⋯"]);
    expect(gaps[0]!.body).toMatch(/^<td colSpan="7" /);
    expect(page.rows().at(-1)!.attrs).toBe(' aria-label="gap"');
    expect(render().rows().filter((r) => r.attrs === ' aria-label="gap"')).toHaveLength(1);
  });

  it("says when no row matches, and shows live mode's switch when the page has live mode", () => {
    expect(render({ rows: [] }).html).toContain("No rows match these filters.");
    const live = render({ live: { after: null, floor: null, query: "", intervalMs: 5_000, startOn: true } }).html;
    expect(live).toContain('aria-pressed="true"');
    expect(live).toContain("Checking for new rows every 5 s");
  });
});
