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

// The demo app registration of the emulator's seed (emulator/seed/demo.json), which the portal uses.
const DEMO_APP = { id: "a9a75384-bf7f-4dfb-b7ca-e996f77781f8", secret: "gatehouse-demo-client-secret" };

/**
 * A call to the emulator's Graph with an app token of the tenant: a rogue administrator changing
 * the tenant behind Gatehouse's back. Returns the status and the parsed body.
 */
export async function graphAsAdmin(request: APIRequestContext, tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await request.post(`${process.env.E2E_EMULATOR_URL}/${tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: "client_credentials", client_id: DEMO_APP.id, client_secret: DEMO_APP.secret, scope: "https://graph.microsoft.com/.default" },
  });
  expect(token.status(), await token.text()).toBe(200);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const response = await request.fetch(`${process.env.E2E_EMULATOR_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}` },
    ...(body === undefined ? {} : { data: body }),
  });
  const text = await response.text();
  return { status: response.status(), body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/**
 * A person requests an access package in the customer's My Access (the emulator's control API)
 * and, unless it needs none, `approver` approves it: an assignment delivered, as after a real one.
 */
export async function deliverPackage(request: APIRequestContext, input: { tenantId: string; packageId: string; requestor: string; approver: string }): Promise<void> {
  const control = `${process.env.E2E_EMULATOR_URL}/_emulator`;
  const asked = await request.post(`${control}/access-packages/${input.packageId}/requests`, { data: { tenantId: input.tenantId, userPrincipalName: input.requestor, justification: "on call" } });
  expect(asked.ok(), await asked.text()).toBe(true);
  const { id, state } = (await asked.json()) as { id: string; state: string };
  if (state === "delivered") return;
  const decided = await request.post(`${control}/approvals/${id}`, { data: { approverUserPrincipalName: input.approver, decision: "Approve" } });
  expect(decided.ok(), await decided.text()).toBe(true);
  expect(((await decided.json()) as { state: string }).state).toBe("delivered");
}
