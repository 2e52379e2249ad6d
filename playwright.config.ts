import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// End-to-end journeys in a real Chromium against a production build served by
// e2e/serve.ts, on a fresh embedded database loaded with e2e/fixtures.ts.
const port = Number(process.env.E2E_PORT ?? 3210);
// Debian's chromium-headless-shell (Chromium's old headless mode, what Playwright itself
// runs headless) before its full chromium: the same engine without the browser's UI
// process, it ran the suite in 4.2 min where the full browser took 6.5 on two cores
// (docs/testing.md). CHROMIUM_PATH overrides both.
const chromium =
  process.env.CHROMIUM_PATH || ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((candidate) => existsSync(candidate));

const chromiumUse = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: chromium,
    // Root in CI needs --no-sandbox; the rest keep Chromium off a network it cannot reach.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? "line" : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Signs in once per role through the real form and saves the sessions the specs share
    // (e2e/sessions.ts); after every spec, its teardown checks both are still signed in.
    { name: "setup", testMatch: /sessions\.setup\.ts$/, teardown: "teardown", use: chromiumUse },
    { name: "teardown", testMatch: /sessions\.teardown\.ts$/, use: chromiumUse },
    { name: "chromium", dependencies: ["setup"], use: chromiumUse },
  ],
  webServer: {
    command: "npx tsx --conditions=react-server e2e/serve.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    env: { E2E_PORT: String(port) },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
