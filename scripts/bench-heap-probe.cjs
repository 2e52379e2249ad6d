// Loaded into a benchmark's server with --require (bench:ingest --flood): the V8 heap's
// peak use against its limit, written every 250 ms to LOGDECK_HEAP_PROBE_FILE as JSON, so
// the benchmark reads what the server's heap did without stopping it. RSS, read from
// /proc by the benchmark, also holds what lives outside the heap (code, buffers, WASM).
const { writeFileSync } = require("node:fs");
const v8 = require("node:v8");

const file = process.env.LOGDECK_HEAP_PROBE_FILE;
if (file) {
  const peak = { usedBytes: 0, committedBytes: 0, limitBytes: 0, externalBytes: 0 };
  let n = 0;
  setInterval(() => {
    const heap = v8.getHeapStatistics();
    peak.usedBytes = Math.max(peak.usedBytes, heap.used_heap_size);
    peak.committedBytes = Math.max(peak.committedBytes, heap.total_heap_size);
    peak.limitBytes = heap.heap_size_limit;
    peak.externalBytes = Math.max(peak.externalBytes, process.memoryUsage().external);
    if (++n % 5 === 0) writeFileSync(file, JSON.stringify(peak));
  }, 50).unref();
}
