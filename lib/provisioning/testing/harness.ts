// Test support for the engine: the emulator with fresh customer tenants (cloned from the demo
// seed's Contoso, so test files never share a tenant in the one test database), a workspace
// whose MSSP domain is the seed's Northwind Defense, and a consented customer per tenant.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { startEmulator, type RunningEmulator } from "../../../emulator/server.ts";
import type { GraphAccessConfig } from "@/lib/graph/config";

export const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const MSSP_TENANT = "74361f78-e191-4c87-ac08-85e9f5f72879";

interface SeedTenant {
  id: string;
  displayName: string;
  domains: string[];
  licenses: string[];
  users: { id: string; userPrincipalName: string; displayName: string; password: string; directoryRoles: string[]; appRoles: string[] }[];
  defenderUnifiedRbac?: boolean;
}

export interface TestTenant {
  id: string;
  domain: string;
  adminId: string;
}

export interface EngineHarness {
  emulator: RunningEmulator;
  /** an MSSP tenant of this harness alone (a workspace's tenant is unique in the test database) */
  mssp: { id: string; domain: string; displayName: string };
  graphAccess: GraphAccessConfig;
  tenants: TestTenant[];
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Graph as the app, for reading back what the engine made (not counted in its traffic) */
  read<T = Record<string, unknown>>(tenantId: string, path: string): Promise<T>;
  /** Graph as the app: an admin changing the tenant behind Gatehouse's back */
  write<T = Record<string, unknown>>(tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  replicationLagMs?: number;
  /** give the MSSP tenant the seed's Northwind staff (fresh ids, UPNs on the MSSP's domain) */
  msspStaff?: boolean;
}

export async function startEngineHarness(count: number, options: HarnessOptions = {}): Promise<EngineHarness> {
  const seed = JSON.parse(readFileSync("emulator/seed/demo.json", "utf8")) as { tenants: SeedTenant[] };
  const contoso = seed.tenants.find((t) => t.displayName === "Contoso")!;
  const northwind = seed.tenants.find((t) => t.id === MSSP_TENANT)!;
  const msspId = randomUUID();
  const mssp = { id: msspId, domain: `mssp-${msspId.slice(0, 8)}.example`, displayName: `MSSP ${msspId.slice(0, 8)}` };
  seed.tenants.push({ ...northwind, id: mssp.id, displayName: mssp.displayName, domains: [`mssp${msspId.slice(0, 8)}.onmicrosoft.com`, mssp.domain],
    users: options.msspStaff ? northwind.users.map((u) => ({ ...u, id: randomUUID(), userPrincipalName: u.userPrincipalName.replace("northwinddefense.com", mssp.domain) })) : [] });
  const tenants: TestTenant[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const domain = `c${id.slice(0, 8)}.example`;
    const adminId = randomUUID();
    seed.tenants.push({
      ...contoso, id, displayName: `Customer ${id.slice(0, 8)}`, domains: [`c${id.slice(0, 8)}.onmicrosoft.com`, domain],
      users: contoso.users.map((u, n) => ({ ...u, id: n === 0 ? adminId : randomUUID(), userPrincipalName: u.userPrincipalName.replace("contoso.com", domain) })),
    });
    tenants.push({ id, domain, adminId });
  }
  const emulator = await startEmulator({ seed: seed as never, port: 0, quiet: true, control: true, ...(options.replicationLagMs ? { replicationLagMs: options.replicationLagMs } : {}) });
  for (const t of tenants) emulator.world.grantConsent(t.id, APP_ID);
  const graphAccess: GraphAccessConfig = { authorityHost: emulator.url, graphBaseUrl: emulator.url, clientId: APP_ID, clientSecret: "gatehouse-demo-client-secret" };
  const control = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${emulator.url}/_emulator${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
    if (!response.ok) throw new Error(`control ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const { acquireAppToken } = await import("@/lib/graph/app-tokens");
  const read = async <T,>(tenantId: string, path: string): Promise<T> => {
    const token = await acquireAppToken(graphAccess, tenantId, { forceRefresh: true });
    const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const write = async <T,>(tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const token = await acquireAppToken(graphAccess, tenantId, { forceRefresh: true });
    const response = await fetch(`${emulator.url}${path}`, { method, headers: { authorization: `Bearer ${token.accessToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return { emulator, mssp, graphAccess, tenants, control, read, write, close: () => emulator.close() };
}
