export function workerCount(environment: Record<string, string | undefined>, machine?: { cores?: number; memory?: number }): number;
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string;
