import SERVER_HEAP_FLAGS from "./server-heap-flags.json";

/**
 * NODE_OPTIONS for a benchmark's server, as scripts/start.mjs gives `npm start`'s: the
 * heap caps, then the given options (a flag given here wins over the cap of the same name).
 */
export function serverNodeOptions(nodeOptions = ""): string {
  const own = SERVER_HEAP_FLAGS.filter((f) => !nodeOptions.includes(f.slice(0, f.indexOf("="))));
  return [...own, nodeOptions].join(" ").trim();
}
