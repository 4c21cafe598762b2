// `npm run bench`: every benchmark, one after the other (they share the machine's two cores).
import { run as startupAndClients } from "./startup-and-clients.ts";
import { run as graphThroughput } from "./graph-throughput.ts";

const benchmarks: [string, () => Promise<void>][] = [
  ["Emulator start-up and 50 concurrent clients", startupAndClients],
  ["Emulator Graph throughput (provisioning, life cycle, paging)", graphThroughput],
];

for (const [name, run] of benchmarks) {
  console.log(`\n=== ${name} ===`);
  await run();
}
