// Regenerates lib/ingest/otlp/gen from proto/logdeck/otlp/v1/otlp.proto with buf and
// protoc-gen-es (both devDependencies, binaries inside their npm packages). The output is
// committed: builds and CI do not run this.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
execFileSync(`${root}node_modules/.bin/buf`, ["generate"], { cwd: `${root}proto`, stdio: "inherit" });
