import { describe, expect, it } from "vitest";
import { buildKeySnippets } from "./key-snippets";

describe("buildKeySnippets", () => {
  const snippets = buildKeySnippets({ baseUrl: "https://logs.example.com/", key: "ldk_Abc123", projectId: "checkout", dsnId: 7 });
  const text = (id: string) => snippets.find((s) => s.id === id)!.text;

  it("gives a DSN Sentry SDKs accept: the key as user, the project's number as path", () => {
    expect(text("dsn")).toBe("https://ldk_Abc123@logs.example.com/7");
  });

  it("gives OTLP environment variables with the key as a Bearer header", () => {
    expect(text("otlp")).toContain("OTEL_EXPORTER_OTLP_ENDPOINT=https://logs.example.com\n");
    expect(text("otlp")).toContain("OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20ldk_Abc123");
    expect(text("otlp")).toContain("OTEL_SERVICE_NAME=checkout");
  });

  it("gives curl and lib/client snippets for the project", () => {
    expect(text("curl")).toContain("curl -X POST https://logs.example.com/api/events");
    expect(text("client")).toContain('projectId: "checkout"');
  });

  it("leaves the DSN's number to fill in for a key bound to no project", () => {
    expect(buildKeySnippets({ baseUrl: "http://localhost:3000", key: "k", projectId: null, dsnId: null })[0]!.text).toBe("http://k@localhost:3000/<project number>");
  });
});
