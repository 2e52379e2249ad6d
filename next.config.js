/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // gzip of responses, unless a reverse proxy in front does it (HTTP_COMPRESSION=off; the
  // value is checked with the rest of the environment in lib/env.ts). Read when the
  // server starts, so no rebuild is needed to change it.
  compress: process.env.HTTP_COMPRESSION !== "off",
  // Loaded by Node at run time rather than bundled: PGlite and the schema engine read
  // their .wasm and data files from their own package folders.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/adapter-pg",
    "pg",
    "pg-copy-streams",
    // One copy per process: a bundle gives each server layer (pages, route handlers) its
    // own, and this process's rate limiters are made by whichever layer opened the
    // database first (lib/ingest/take-rate-limit-token.ts).
    "rate-limiter-flexible",
  ],
  // Types are checked once, by `npm run typecheck` (the first step of `npm test`), over
  // the whole tree including tests; the build would only repeat part of that work.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // forbidden() for signed-in members who ask for an admin page.
    authInterrupts: true,
    // Bodies are bounded before anything reads them (docs/security.md): a server action's
    // form is a few KB, and the proxy (proxy.ts) holds a copy of every page request's body
    // up to this size (10 MB by default) while it runs.
    serverActions: { bodySizeLimit: "128kb" },
    proxyClientMaxBodySize: "128kb",
  },
  // Sentry SDKs post to /api/<n>/envelope/ and treat a redirect as a failure: routes
  // answer with or without the trailing slash, never with Next's 308 to the other form.
  skipTrailingSlashRedirect: true,
  // The run timeline's export and live handlers moved under /api; the old URLs keep working.
  // Checked before proxy.ts, so a client without a session is redirected too (and then
  // gets the API's 401, not the sign-in page).
  async redirects() {
    return [
      { source: "/runs/:runId/export", destination: "/api/runs/:runId/export", permanent: true },
      { source: "/runs/:runId/live", destination: "/api/runs/:runId/live", permanent: true },
    ];
  },
  // Playwright builds into its own folder so a test run never fights a developer's build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
