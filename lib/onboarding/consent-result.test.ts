// The public result page's reader: an outcome only from a token the flow signed; names only
// while it is fresh; nothing from an invite id alone.
import { beforeAll, describe, expect, it } from "vitest";
import type { consentResult } from "./consent-result";
import type { consentResultPath } from "./result-url";
import { RESULT_TOKEN_LIFETIME_MS } from "./result-token";

let app: { consentResult: typeof consentResult; consentResultPath: typeof consentResultPath; inviteId: string };

beforeAll(async () => {
  process.env.AUTH_SECRET = "integration-test-secret-that-is-long-enough";
  const { db } = await import("@/lib/db");
  const { createCustomer } = await import("@/lib/data/customers");
  const { issueInvite } = await import("./invites");
  const { createWorkspaceUser, uniqueDomain } = await import("@/lib/testing/fixtures");
  const mssp = await createWorkspaceUser("admin", "Result MSSP");
  const customer = await db.$transaction((tx) => createCustomer(mssp, { displayName: "Result Customer", primaryDomain: uniqueDomain() }, tx));
  const invite = await db.$transaction((tx) => issueInvite(mssp, customer.id, tx));
  app = {
    consentResult: (await import("./consent-result")).consentResult,
    consentResultPath: (await import("./result-url")).consentResultPath,
    inviteId: invite.inviteId,
  };
});

const tokenOf = (path: string) => decodeURIComponent(new URL(path, "http://x").searchParams.get("r")!);

describe("consent result page", () => {
  it("shows the signed outcome with names while fresh, and the same outcome without them later", async () => {
    const now = new Date();
    const token = tokenOf(app.consentResultPath({ outcome: "granted", inviteId: app.inviteId }, now));
    expect(await app.consentResult(token, now)).toMatchObject({ valid: true, outcome: "granted", customerName: "Result Customer", msspName: "Result MSSP" });
    const later = await app.consentResult(token, new Date(now.getTime() + RESULT_TOKEN_LIFETIME_MS + 1000));
    expect(later).toEqual({ valid: true, outcome: "granted" });
  });

  it("turns a known Microsoft code into plain words and shows no raw text", async () => {
    const token = tokenOf(app.consentResultPath({ outcome: "admin-required", inviteId: app.inviteId, microsoftCode: "90094" }));
    const view = await app.consentResult(token);
    expect(view).toMatchObject({ valid: true, outcome: "admin-required", microsoftReason: expect.stringMatching(/cannot grant consent/) });
  });

  it("reveals nothing for a missing, made-up or invite-id-only result", async () => {
    expect(await app.consentResult(undefined)).toEqual({ valid: false });
    expect(await app.consentResult("granted")).toEqual({ valid: false });
    expect(await app.consentResult(app.inviteId)).toEqual({ valid: false });
  });
});
