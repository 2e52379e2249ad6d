// Types for the peggy-generated parser beside it.
export function parse(input: string, options?: Record<string, unknown>): unknown;
export class SyntaxError extends Error {}
