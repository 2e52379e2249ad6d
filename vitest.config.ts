import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const shared = {
  alias: {
    "@/": root,
    // `server-only` throws outside React's server build; tests are server code.
    "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
  },
};

// Integration suites run once per database engine: always on embedded PGlite, and on
// PostgreSQL as well when TEST_DATABASE_URL points at a server (each test file gets a
// database of its own there, created and dropped by test/setup-integration.ts).
const engines = ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  resolve: shared,
  test: {
    // Twice the cores: integration files spend much of their time waiting on the database
    // and on timers, so two more workers than cores finish sooner (297 s → 160 s for the
    // integration suite on this 2-core machine, docs/testing.md).
    maxWorkers: Math.max(2, 2 * availableParallelism()),
    projects: [
      {
        resolve: shared,
        test: {
          name: "unit",
          include: ["{lib,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      ...engines.map((engine) => ({
        resolve: shared,
        test: {
          name: `integration:${engine}`,
          include: ["{lib,app,scripts,test}/**/*.integration.test.ts"],
          environment: "node",
          // Worker threads start faster than forked processes; each file still gets its
          // own module graph, and its own copy of process.env (Node's default for workers).
          pool: "threads",
          globalSetup: ["./test/integration-template.ts"],
          setupFiles: ["./test/setup-integration.ts"],
          env: { LOGDECK_TEST_ENGINE: engine },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      })),
      // test/replicas: a primary, a streaming standby and two app instances, started by the
      // suite itself (npm run test:replicas; .ci/run).
      {
        resolve: shared,
        test: {
          name: "replicas",
          include: ["test/replicas/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
