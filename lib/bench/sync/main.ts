/**
 * The sync and readers benchmark (issue 12):
 *  1. readers: seed 1,000 customers, 300 staff, 100,000 assignments; p50/p95 of every reader the
 *     dashboard, approvals, matrix, /me, person and CSV endpoints call, and their plans;
 *  2. sync throughput: 200 tenants, the emulator answering every Graph call after 100 ms, against
 *     the floor set by concurrency and round trips per tenant;
 *  3. a no-change sync: its Graph requests, rows written and time.
 *
 *   npm run bench -- sync [--tenants 200] [--latency 100] [--concurrency 4] [--only readers|sync]
 */
import { parseArgs } from "node:util";
import { createDatabase, pointGatehouseAt, ROOT, startEmulatorProcess } from "../provisioning/setup.ts";
import { benchWorld } from "../provisioning/world.ts";
import { benchReaders } from "./readers.ts";
import { benchSyncThroughput } from "./throughput.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { tenants: { type: "string", default: "200" }, latency: { type: "string", default: "100" }, concurrency: { type: "string", default: "4" }, only: { type: "string" } }, strict: false });
  const world = benchWorld(`${ROOT}/emulator/seed/demo.json`, Number(values.tenants));
  const emulator = await startEmulatorProcess(world.seed, Number(values.latency));
  const database = await createDatabase();
  try {
    pointGatehouseAt(emulator.url, database.url);
    const { db } = await import("../../db.ts");
    if (values.only !== "sync") {
      const access = await import("../../data/access/index.ts");
      const { expiriesSql } = await import("../../data/access/expiries.ts");
      await benchReaders(database.url, db, access, expiriesSql);
    }
    if (values.only !== "readers") {
      const { syncCustomer } = await import("../../sync/run.ts");
      await benchSyncThroughput(db, syncCustomer, world.customers, { latency: Number(values.latency), concurrency: Number(values.concurrency) });
    }
  } finally {
    emulator.stop();
    await database.drop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
