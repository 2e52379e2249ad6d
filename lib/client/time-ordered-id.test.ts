import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedId", () => {
  it("makes UUIDv7 ids carrying their millisecond", () => {
    const { id, ms } = timeOrderedId(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(id).toMatch(UUID_V7);
    expect(ms).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(ms);
  });

  it("sorts ids made in one millisecond in the order they were made, past 4,096 of them", () => {
    const now = Date.UTC(2030, 5, 6);
    const made = Array.from({ length: 10_000 }, () => timeOrderedId(now));
    const ids = made.map((m) => m.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Borrowed milliseconds stay close to the clock.
    expect(made[made.length - 1]!.ms - now).toBeLessThan(10);
  });

  it("never goes back when the clock does", () => {
    const a = timeOrderedId(Date.UTC(2031, 0, 1, 0, 0, 1));
    const b = timeOrderedId(Date.UTC(2031, 0, 1, 0, 0, 0));
    expect(b.id > a.id).toBe(true);
    expect(b.ms).toBe(a.ms);
  });
});
