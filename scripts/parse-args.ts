/** A command-line number that must be a positive whole number, with a message saying so. */
export function parsePositiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new Error(`${flag} must be a positive whole number, got "${value}"`);
  }
  return Number(value);
}
