/** A pause this long between two neighbouring timeline rows is marked. */
export const GAP_THRESHOLD_MS = 5 * 60_000;

/** For rows in display order: the pause before each row when it is a long one, else null. */
export function markGaps(times: readonly number[], threshold = GAP_THRESHOLD_MS): (number | null)[] {
  return times.map((t, i) => {
    if (i === 0) return null;
    const gap = Math.abs(t - times[i - 1]!);
    return gap >= threshold ? gap : null;
  });
}
