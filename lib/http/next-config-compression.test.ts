import { afterEach, describe, expect, it, vi } from "vitest";

// next.config.js reads HTTP_COMPRESSION when the server starts.
async function loadConfig(): Promise<{ compress?: boolean }> {
  vi.resetModules();
  const url = new URL("../../next.config.js", import.meta.url).href;
  return ((await import(/* @vite-ignore */ url)) as { default: { compress?: boolean } }).default;
}

describe("next.config.js compression", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("compresses by default", async () => {
    vi.stubEnv("HTTP_COMPRESSION", undefined);
    expect((await loadConfig()).compress).toBe(true);
  });

  it("leaves compression to a reverse proxy with HTTP_COMPRESSION=off", async () => {
    vi.stubEnv("HTTP_COMPRESSION", "off");
    expect((await loadConfig()).compress).toBe(false);
  });
});
