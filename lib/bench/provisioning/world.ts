/**
 * The benchmark's world: the demo seed (its MSSP, its app and its unconsented customers, for
 * the Accept → Ready measurement) plus `count` customer tenants with Entra ID P2 where the
 * Gatehouse app already has consent (for the fresh / re-run / repair / 50-tenant runs).
 */
import { readFileSync } from "node:fs";
import { stableGuid } from "../../../emulator/store/ids.ts";
import type { Seed } from "../../../emulator/store/seed.ts";

export interface BenchTenant { id: string; displayName: string; domain: string; adminObjectId: string }

export function benchWorld(demoSeedPath: string, count: number): { seed: Seed; customers: BenchTenant[] } {
  const demo = JSON.parse(readFileSync(demoSeedPath, "utf8")) as Seed;
  const appId = demo.applications[0]!.appId;
  const customers: BenchTenant[] = [];
  const tenants = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    const domain = `bench-customer-${n}.com`;
    const id = stableGuid("bench-tenant", domain);
    const adminObjectId = stableGuid("bench-admin", domain);
    customers.push({ id, displayName: `Bench Customer ${n}`, domain, adminObjectId });
    return {
      id, displayName: `Bench Customer ${n}`, domains: [`bench-customer-${n}.onmicrosoft.com`, domain], licenses: ["AAD_PREMIUM_P2"],
      defenderUnifiedRbac: true, users: [{ id: adminObjectId, userPrincipalName: `admin@${domain}`, displayName: `Bench ${n} Admin`, password: "Gatehouse-demo-1", directoryRoles: ["Global Administrator"], appRoles: [] }],
    };
  });
  const seed = {
    ...demo,
    tenants: [...demo.tenants, ...tenants],
    consents: [...demo.consents, ...customers.map((c) => ({ tenantId: c.id, appId }))],
  } as Seed;
  return { seed, customers };
}
