import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { PASSWORD } from "./accounts";
import { expect } from "./fixtures";

export interface TestTenant {
  tenantId: string;
  displayName: string;
  /** a custom verified domain, unique per call */
  domain: string;
  /** the tenant's *.onmicrosoft.com domain */
  initialDomain: string;
  admin: string;
  /** a member without an admin role */
  user: string;
}

/**
 * A Microsoft tenant of its own for one test, added to the running emulator: Gatehouse resolves
 * its domains at Microsoft, and a tenant is the customer of one workspace only, so tests that add
 * customers must not share the demo tenants.
 */
export async function createTenant(request: APIRequestContext, label: string, options: { licenses?: string[] } = {}): Promise<TestTenant> {
  const tag = randomUUID().slice(0, 8);
  const slug = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${tag}`;
  const tenant: TestTenant = {
    tenantId: randomUUID(),
    displayName: `${label} ${tag}`,
    domain: `${slug}.example`,
    initialDomain: `${slug}.onmicrosoft.com`,
    admin: `admin@${slug}.example`,
    user: `user@${slug}.example`,
  };
  const response = await request.post(`${process.env.E2E_EMULATOR_URL}/_emulator/tenants`, {
    data: {
      id: tenant.tenantId,
      displayName: tenant.displayName,
      domains: [tenant.initialDomain, tenant.domain],
      ...(options.licenses ? { licenses: options.licenses } : {}),
      users: [
        { id: randomUUID(), userPrincipalName: tenant.admin, displayName: `${label} Global Admin`, password: PASSWORD, directoryRoles: ["Global Administrator"] },
        { id: randomUUID(), userPrincipalName: tenant.user, displayName: `${label} User`, password: PASSWORD },
      ],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return tenant;
}

/** Sets emulator fault rules (see emulator/control/README.md); an empty list clears them. */
export async function setGraphFaults(request: APIRequestContext, rules: unknown[]): Promise<void> {
  const response = await request.put(`${process.env.E2E_EMULATOR_URL}/_emulator/faults`, { data: rules });
  expect(response.status()).toBe(200);
}
