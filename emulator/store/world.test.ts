import { describe, expect, it } from "vitest";
import { loadSeed } from "./seed.ts";
import { World } from "./world.ts";

const MSSP = "74361f78-e191-4c87-ac08-85e9f5f72879";
const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
const APP = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";

describe("World", () => {
  const seed = loadSeed("emulator/seed/demo.json");

  it("finds tenants by id or any verified domain, case-insensitively", () => {
    const world = new World(seed);
    expect(world.findTenant("CONTOSO.COM")?.id).toBe(CONTOSO);
    expect(world.findTenant("contoso.onmicrosoft.com")?.id).toBe(CONTOSO);
    expect(world.findTenant(CONTOSO.toUpperCase())?.displayName).toBe("Contoso");
    expect(world.findTenant("unknown.com")).toBeUndefined();
  });

  it("adds a guest once, with Entra's #EXT# UPN", () => {
    const world = new World(seed);
    const alex = world.findUserByUpn("alex@northwinddefense.com")!.user;
    const guest = world.addGuestUser(CONTOSO, { tenantId: MSSP, userId: alex.id });
    expect(guest).toMatchObject({ userType: "Guest", tenantId: CONTOSO, homeTenantId: MSSP, homeUserId: alex.id, userPrincipalName: "alex_northwinddefense.com#EXT#@contoso.onmicrosoft.com" });
    expect(world.addGuestUser(CONTOSO, { tenantId: MSSP, userId: alex.id })).toBe(guest);
    expect([...world.findTenant(CONTOSO)!.users.values()].filter((u) => u.userType === "Guest")).toHaveLength(1);
    expect(world.accountInTenant(alex, CONTOSO)).toBe(guest);
  });

  it("records consent as a service principal with the app's permissions", () => {
    const world = new World(seed);
    expect(world.hasConsent(MSSP, APP)).toBe(true);
    expect(world.hasConsent(CONTOSO, APP)).toBe(false);
    world.grantConsent(CONTOSO, APP);
    expect(world.consentedPermissions(CONTOSO, APP)).toContain("EntitlementManagement.ReadWrite.All");
    expect(world.findServicePrincipal(CONTOSO, APP)?.id).toBe(world.servicePrincipalId(CONTOSO, APP));
  });

  it("moves the clock forward and resets everything to the seed", () => {
    const world = new World(seed);
    const events: string[] = [];
    world.on("clock", () => events.push("clock"));
    world.on("reset", () => events.push("reset"));
    const before = world.now().getTime();
    world.advanceClock(86_400_000);
    expect(world.now().getTime() - before).toBeGreaterThanOrEqual(86_400_000);
    expect(() => world.advanceClock(-1)).toThrow();
    world.grantConsent(CONTOSO, APP);
    world.addGuestUser(CONTOSO, { tenantId: MSSP, userId: world.findUserByUpn("alex@northwinddefense.com")!.user.id });
    world.reset();
    expect(events).toEqual(["clock", "reset"]);
    expect(world.clockOffset()).toBe(0);
    expect(world.hasConsent(CONTOSO, APP)).toBe(false);
    expect(world.findUserByUpn("alex_northwinddefense.com#EXT#@contoso.onmicrosoft.com")).toBeUndefined();
  });
});
