// `npm run bench`: every benchmark, one after the other (they share the machine's two cores).
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { ensureCertificates } from "../certs/certificates.ts";
import { run as startupAndClients } from "./startup-and-clients.ts";
import { run as graphThroughput } from "./graph-throughput.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");

/**
 * Gatehouse's provisioning (engine, job worker, consent callback) against the emulator. It runs
 * in a process of its own: Gatehouse's server modules need the `react-server` condition, and
 * Node reads NODE_EXTRA_CA_CERTS only at start. The emulator itself imports nothing from lib/.
 */
async function provisioning(): Promise<void> {
  const { caCertPath } = await ensureCertificates(resolve(ROOT, ".data", "emulator"));
  const args = ["--conditions=react-server", "--import", "tsx", "lib/bench/provisioning/main.ts", ...process.argv.slice(2)];
  const code = await new Promise<number | null>((done) => {
    spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath } }).on("exit", done);
  });
  if (code !== 0) throw new Error(`the provisioning benchmark exited with ${code}`);
}

/** Tenant sync and the readers behind the pages (issue 12), in a process of its own like provisioning. */
async function sync(): Promise<void> {
  const { caCertPath } = await ensureCertificates(resolve(ROOT, ".data", "emulator"));
  const args = ["--conditions=react-server", "--import", "tsx", "lib/bench/sync/main.ts", ...process.argv.slice(3)];
  const code = await new Promise<number | null>((done) => {
    spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath } }).on("exit", done);
  });
  if (code !== 0) throw new Error(`the sync benchmark exited with ${code}`);
}

const benchmarks: [string, () => Promise<void>][] = [
  ["Emulator start-up and 50 concurrent clients", startupAndClients],
  ["Emulator Graph throughput (provisioning, life cycle, paging)", graphThroughput],
  ["Gatehouse tenant sync and readers (1,000 customers, 100,000 assignments; 200 tenants at 100 ms)", sync],
  ["Gatehouse provisioning at 100 ms per Graph call (fresh, re-run, repair, replication lag, 50 tenants, Accept → Ready, offboarding)", provisioning],
];

// `npm run bench -- provisioning` runs only the benchmarks whose name contains the word.
const only = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2].toLowerCase() : undefined;
for (const [name, run] of benchmarks) {
  if (only && !name.toLowerCase().includes(only)) continue;
  console.log(`\n=== ${name} ===`);
  await run();
}
