// The consent integration tests' setup: the emulator on a free port, the environment pointed at
// it, then Gatehouse's consent handlers imported (lib/env reads the environment once, on first
// import, so they must come after).
import { APP_ID, APP_SECRET } from "../../emulator/entra/test-helpers.ts";
import { startEmulator, type RunningEmulator } from "../../emulator/server.ts";
import type { SeedInput } from "../../emulator/store/seed.ts";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { createCustomer } from "@/lib/data/customers";
import type { db } from "@/lib/db";
import type { issueInvite, revokeInvite } from "@/lib/onboarding/invites";
import type { ConsentHandlers } from "./consent-flow";
import type { createWorkspaceUser } from "./fixtures";

export type ConsentApp = ConsentHandlers & {
  db: typeof db;
  createCustomer: typeof createCustomer;
  issueInvite: typeof issueInvite;
  revokeInvite: typeof revokeInvite;
  createWorkspaceUser: typeof createWorkspaceUser;
};

export async function startConsentApp(seed: SeedInput | string = "emulator/seed/demo.json"): Promise<{ emulator: RunningEmulator; app: ConsentApp }> {
  const emulator = await startEmulator({ seed, port: 0, quiet: true });
  Object.assign(process.env, {
    AUTH_URL: "http://localhost:3100",
    AUTH_SECRET: "integration-test-secret-that-is-long-enough",
    ENTRA_AUTHORITY_HOST: emulator.url,
    GRAPH_BASE_URL: emulator.url,
    ENTRA_CLIENT_ID: APP_ID,
    ENTRA_CLIENT_SECRET: APP_SECRET,
  });
  const invites = await import("@/lib/onboarding/invites");
  const app: ConsentApp = {
    db: (await import("@/lib/db")).db,
    createCustomer: (await import("@/lib/data/customers")).createCustomer,
    issueInvite: invites.issueInvite,
    revokeInvite: invites.revokeInvite,
    beginConsent: (await import("@/lib/onboarding/consent-start")).beginConsent,
    handleAdminSignIn: (await import("@/lib/onboarding/consent-sign-in")).handleAdminSignIn,
    handleConsentCallback: (await import("@/lib/onboarding/consent-callback")).handleConsentCallback,
    createWorkspaceUser: (await import("./fixtures")).createWorkspaceUser,
  };
  return { emulator, app };
}

/**
 * A customer with a consent link. `resolvedTenantId` is the tenant add-time resolution would
 * have found (null: added before domains were resolved).
 */
export async function invitedCustomer(app: ConsentApp, mssp: CurrentUser, domain: string, resolvedTenantId: string | null) {
  const customer = await app.db.$transaction((tx) => app.createCustomer(mssp, { displayName: domain, primaryDomain: domain }, tx));
  if (resolvedTenantId) await app.db.customer.update({ where: { id: customer.id }, data: { resolvedTenantId } });
  const invite = await app.db.$transaction((tx) => app.issueInvite(mssp, customer.id, tx));
  return { customerId: customer.id, inviteId: invite.inviteId, token: invite.link.split("/consent/")[1]! };
}
