// What the keys page shows beside a new key: ready-to-paste configuration for each way of
// sending (docs/ingest-protocols.md has the longer versions). Pure: the page and tests call it.

export interface KeySnippetInput {
  /** The URL applications reach logdeck at (PUBLIC_URL, else the request's own). */
  baseUrl: string;
  key: string;
  /** The bound project; null: the key writes any project (items name theirs). */
  projectId: string | null;
  /** The bound project's DSN number, when bound. */
  dsnId: number | null;
}

export interface KeySnippet {
  id: "dsn" | "otlp" | "curl" | "client";
  title: string;
  text: string;
}

export function buildKeySnippets({ baseUrl, key, projectId, dsnId }: KeySnippetInput): KeySnippet[] {
  const url = new URL(baseUrl);
  const origin = url.origin;
  const project = projectId ?? "my-service";
  const dsn = `${url.protocol}//${key}@${url.host}/${dsnId ?? "<project number>"}`;
  return [
    {
      id: "dsn",
      title: dsnId === null ? "Sentry DSN (put the project's number, shown in the table below, at the end)" : "Sentry DSN (any Sentry SDK: Sentry.init({ dsn }))",
      text: dsn,
    },
    {
      id: "otlp",
      title: "OpenTelemetry (OTLP/HTTP: any SDK, the Collector's otlphttp exporter)",
      text: [
        `OTEL_EXPORTER_OTLP_ENDPOINT=${origin}`,
        `OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${key}`,
        "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
        `OTEL_SERVICE_NAME=${project}`,
        "OTEL_METRICS_EXPORTER=none",
      ].join("\n"),
    },
    {
      id: "curl",
      title: "curl (the JSON API)",
      text: `curl -X POST ${origin}/api/events \\\n  -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' \\\n  -d '{"eventType":"HELLO","projectId":"${project.replace(/'/g, "'\\''")}"}'`,
    },
    {
      id: "client",
      title: "logdeck's client (lib/client)",
      text: [
        'import { createErrorService, createEventBus } from "./logdeck-client";',
        "",
        `const options = { baseUrl: ${JSON.stringify(origin)}, ingestKey: ${JSON.stringify(key)}, projectId: ${JSON.stringify(project)} };`,
        "export const errors = createErrorService(options);",
        "export const bus = createEventBus(options);",
      ].join("\n"),
    },
  ];
}
