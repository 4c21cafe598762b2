/**
 * Offboarding time per tenant (issue 11): provisioned customers offboarded one after another,
 * each through lib/offboarding (every removal read back), with the Graph traffic it caused.
 */
import type { Gatehouse } from "./gatehouse.ts";
import { countTraffic, formatCounts, percentile, seconds } from "./measure.ts";
import type { Emulator } from "./setup.ts";

export async function offboardTenants(g: Gatehouse, emulator: Emulator, customerIds: string[]): Promise<void> {
  console.log(`\n-- offboarding ${customerIds.length} provisioned tenant(s), one after another --`);
  const { offboardCustomer } = await import("../../offboarding/index.ts");
  const durations: number[] = [];
  for (const customerId of customerIds) {
    const customer = await g.db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { primaryDomain: true } });
    const before = (await emulator.traffic(Number.MAX_SAFE_INTEGER)).cursor;
    const started = performance.now();
    const report = await offboardCustomer({ workspaceId: g.workspace.id, customerId, confirm: customer.primaryDomain, actor: "system" });
    const wallMs = performance.now() - started;
    durations.push(wallMs);
    const traffic = countTraffic((await emulator.traffic(before)).entries);
    console.log(`${customer.primaryDomain.padEnd(28)} ${report.customer.status.padEnd(11)} ${seconds(wallMs).padStart(8)}  removed ${report.removed.length}, already gone ${report.alreadyGone.length}, not removed ${report.notRemoved.length}; ${formatCounts(traffic)}`);
  }
  if (durations.length > 1) console.log(`  per tenant: p50 ${seconds(percentile(durations, 50))}, p95 ${seconds(percentile(durations, 95))}, max ${seconds(Math.max(...durations))}`);
}
