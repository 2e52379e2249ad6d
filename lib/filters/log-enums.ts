// The closed value sets of the log tables, in one place for ingestion, filters, the query
// language and the pages. No dependencies: client components import it too.

export const SEVERITIES = ["warning", "error", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTOR_TYPES = ["user", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** A row of event_logs or of error_logs. */
export const LOG_KINDS = ["event", "error"] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export const isSeverity = (value: string): value is Severity => (SEVERITIES as readonly string[]).includes(value);
export const isActorType = (value: string): value is ActorType => (ACTOR_TYPES as readonly string[]).includes(value);
export const isLogKind = (value: string): value is LogKind => (LOG_KINDS as readonly string[]).includes(value);
