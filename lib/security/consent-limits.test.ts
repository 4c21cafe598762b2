// Consent rate limits against the real PostgreSQL store: the N+1th request is refused per client
// address and per invite, several limiter instances (several portal processes) share one count,
// and a flood leaves one summarised audit event.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCustomer } from "@/lib/data/customers";
import { deriveStateKey, signConsentState } from "@/lib/onboarding/consent-state";
import { issueInvite } from "@/lib/onboarding/invites";
import { createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { createConsentLimits, type ConsentLimitSettings } from "./consent-limits";

const pools: pg.Pool[] = [];
function pool(): pg.Pool {
  const created = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  pools.push(created);
  return created;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

const stateKey = deriveStateKey("rate-limit-test-secret-that-is-long-enough");
const settings: ConsentLimitSettings = { perAddress: 5, perInvite: 3, windowSeconds: 60 };
const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomBytes(3).toString("hex")}`;
const token = () => randomBytes(32).toString("base64url");

async function outcomes(check: () => Promise<{ allowed: boolean }>, times: number): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let i = 0; i < times; i++) results.push((await check()).allowed);
  return results;
}

let limits: ReturnType<typeof createConsentLimits>;
beforeAll(() => {
  limits = createConsentLimits({ pool: pool(), settings, stateKey });
});

describe("consent rate limits", () => {
  it("refuses the N+1th request from one address, across the page, the start and the callback", async () => {
    const from = address();
    const edges = ["page", "start", "callback", "page", "callback"] as const;
    for (const edge of edges) expect((await limits.check(edge, { address: from })).allowed).toBe(true);
    const refused = await limits.check("page", { address: from });
    expect(refused).toMatchObject({ allowed: false, firstRefusal: true });
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address is not affected.
    expect((await limits.check("page", { address: address() })).allowed).toBe(true);
  });

  it("counts an IPv6 client by its /64: rotating addresses inside one's own prefix does not escape the limit", async () => {
    // Attack: every home line and VPS gets a whole /64, so a flood can use a fresh address per
    // request. Per-address limits on full IPv6 addresses then never apply.
    const prefix = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
    const spellings = [`${prefix}::1`, `${prefix}:0:0:0:2`, `${prefix}:ffff:1:2:3`, `${prefix.toUpperCase()}::abcd`, `${prefix}::5`];
    for (const from of spellings) expect((await limits.check("callback", { address: from })).allowed).toBe(true);
    expect((await limits.check("callback", { address: `${prefix}:dead:beef:0:6` })).allowed).toBe(false);
    // The neighbouring /64 is another client.
    const [a, b, c, d] = prefix.split(":");
    const next = `${a}:${b}:${c}:${(parseInt(d!, 16) ^ 1).toString(16)}::1`;
    expect((await limits.check("callback", { address: next })).allowed).toBe(true);
  });

  it("refuses the N+1th request for one invite, whatever the address", async () => {
    const link = token();
    const results = await outcomes(() => limits.check("page", { address: address(), inviteToken: link }), 4);
    expect(results).toEqual([true, true, true, false]);
    expect((await limits.check("start", { address: address(), inviteToken: link })).allowed).toBe(false);
    expect((await limits.check("page", { address: address(), inviteToken: token() })).allowed).toBe(true);
  });

  it("counts callbacks per invite only for states we signed", async () => {
    const inviteId = randomUUID();
    const expiresAt = new Date(Date.now() + 60_000);
    const stateFor = () => signConsentState({ inviteId, attempt: "a1", step: "sign-in", nonce: randomBytes(8).toString("hex"), expiresAt }, stateKey);
    const results = await outcomes(() => limits.check("callback", { address: address(), state: stateFor() }), 4);
    expect(results).toEqual([true, true, true, false]);
    // A forged state names no invite: it counts against its address alone.
    const forged = `${Buffer.from(JSON.stringify({ i: inviteId })).toString("base64url")}.bad`;
    expect((await limits.check("callback", { address: address(), state: forged })).allowed).toBe(true);
  });

  it("shares one count between limiter instances (several portal processes)", async () => {
    const other = createConsentLimits({ pool: pool(), settings, stateKey });
    const from = address();
    const instances = [limits, other, limits, other, other];
    for (const instance of instances) expect((await instance.check("page", { address: from })).allowed).toBe(true);
    expect((await limits.check("page", { address: from })).allowed).toBe(false);
    expect((await other.check("page", { address: from })).allowed).toBe(false);
  });

  it("counts concurrent requests exactly", async () => {
    const from = address();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? limits : createConsentLimits({ pool: pools[0]!, settings, stateKey })).check("page", { address: from })));
    expect(results.filter((r) => r.allowed)).toHaveLength(settings.perAddress);
    expect(results.filter((r) => !r.allowed && r.firstRefusal)).toHaveLength(1);
  });

  it("writes one audit event per flood, on the invite's customer for a per-invite limit", async () => {
    const admin = await createWorkspaceUser();
    const customer = await db.$transaction((tx) => createCustomer(admin, { displayName: "Flooded", primaryDomain: uniqueDomain() }, tx));
    const invite = await db.$transaction((tx) => issueInvite(admin, customer.id, tx));
    const link = invite.link.split("/consent/")[1]!;
    for (let i = 0; i < 40; i++) await limits.check("page", { address: address(), inviteToken: link });

    const rows = await db.auditEvent.findMany({
      where: { workspaceId: admin.workspace.id, action: "consent.rate-limited" },
      select: { target: true, repeatCount: true, details: true },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      target: `customer:${customer.id}`,
      repeatCount: 1,
      details: { edge: "page", scope: "invite", limit: settings.perInvite, windowSeconds: settings.windowSeconds },
    });
  });
});
