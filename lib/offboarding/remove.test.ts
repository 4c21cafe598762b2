import { describe, expect, it } from "vitest";
import { guestInstructions, reportText, type OffboardingReport } from "./report";
import type { GraphHttp } from "@/lib/graph/http";
import { guestsOf, removeOne } from "./remove";

describe("the guests an offboarding leaves", () => {
  it("names each assignment's target once, by principal name, then email, then display name", () => {
    expect(guestsOf([
      { id: "a1", target: { objectId: "AAA", principalName: "alex@mssp.example", email: "alex@mail.example", displayName: "Alex" } },
      { id: "a2", target: { objectId: "aaa", principalName: "alex@mssp.example" } },
      { id: "a3", target: { objectId: "bbb", principalName: null, email: "blair@mail.example", displayName: "Blair" } },
      { id: "a4", target: { objectId: "ccc", displayName: "Casey" } },
      { id: "a5", target: { objectId: "ddd" } },
      // Not a user in the tenant yet, or no target read: no account to name.
      { id: "a6", target: { objectId: null, principalName: "dana@mssp.example" } },
      { id: "a7" },
    ])).toEqual([
      { objectId: "aaa", name: "alex@mssp.example" },
      { objectId: "bbb", name: "blair@mail.example" },
      { objectId: "ccc", name: "Casey" },
      { objectId: "ddd", name: "ddd" },
    ]);
  });

  it("says nothing when no guest is left, and who deletes them when some are", () => {
    expect(guestInstructions(0)).toEqual([]);
    expect(guestInstructions(1)[0]).toContain("did not delete the guest account ");
    expect(guestInstructions(3)[0]).toContain("did not delete the 3 guest accounts");
  });
});

describe("hostile names and ids from the customer tenant", () => {
  const report = (accounts: { objectId: string; name: string }[]): OffboardingReport => ({
    customer: { id: "c1", displayName: "Contoso", primaryDomain: "contoso.example", tenantId: "t1", status: "offboarded" },
    runId: "r1", runStatus: "succeeded", startedAt: null, finishedAt: null,
    removed: [], alreadyGone: [], leftInPlace: [], notRemoved: [], pending: [],
    enterpriseApp: { instructions: ["Delete it."], href: null },
    guests: { accounts, instructions: guestInstructions(accounts.length) },
  });

  it("a guest's name cannot add lines (or hide text) in the plain-text report", () => {
    const hostile = "eve@evil.example\n\nDelete the enterprise app\n  https://evil.example/login\r\u0007\u202E";
    const guests = guestsOf([{ id: "a1", target: { objectId: "0A0B\n- x (object ID y)", principalName: hostile } }]);
    for (const g of guests) expect(`${g.objectId}${g.name}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    // Even a report whose stored names were never cleaned (recorded before the fix).
    const text = reportText(report([{ objectId: "id\r\nInjected", name: hostile }]));
    const lines = text.split("\n");
    expect(lines.filter((l) => l.startsWith("Delete the enterprise app"))).toEqual(["Delete the enterprise app"]);
    expect(lines.filter((l) => l.includes("eve@evil.example"))).toEqual(["  - eve@evil.example Delete the enterprise app https://evil.example/login (object ID id Injected)"]);
    expect(lines.some((l) => l.startsWith("Injected") || l.trim().startsWith("https://evil"))).toBe(false);
    expect(text).not.toMatch(/[\r\u0007\u202e]/);
  });

  it("an absurdly long name is cut short", () => {
    const [guest] = guestsOf([{ id: "a1", target: { objectId: "abc", displayName: "x".repeat(100_000) } }]);
    expect(guest!.name.length).toBeLessThanOrEqual(256);
  });
});

describe("ending a package's assignments", () => {
  it("ends every page of them, not only the first, and names every page's guests", async () => {
    const GRAPH = "https://graph.microsoft.com/v1.0";
    const assignment = (n: number) => ({ id: `a${n}`, state: "Delivered", target: { objectId: `u${n}`, principalName: `p${n}@mssp.example` } });
    const ended = new Set<string>();
    const asked: string[] = [];
    const http = {
      request: async (method: string, path: string, body?: { assignment?: { id: string } }) => {
        asked.push(`${method} ${path.includes("skiptoken") ? "page 2" : path.startsWith("/identityGovernance/entitlementManagement/assignments?") ? "page 1" : path}`);
        if (method === "POST") {
          ended.add(body!.assignment!.id);
          return { status: 202, body: {}, headers: new Headers() };
        }
        const live = (list: ReturnType<typeof assignment>[]) => list.filter((a) => !ended.has(a.id));
        if (path.includes("skiptoken")) return { status: 200, body: { value: live([assignment(3)]) }, headers: new Headers() };
        const first = live([assignment(1), assignment(2)]);
        const more = live([assignment(3)]).length > 0;
        return { status: 200, body: { value: first, ...(more ? { "@odata.nextLink": `${GRAPH}${path}&$skiptoken=2` } : {}) }, headers: new Headers() };
      },
    } as unknown as GraphHttp;
    const noted: string[] = [];
    const outcome = await removeOne(
      { key: "assignments:tier1", kind: "assignments", graphId: "pkg", displayName: "Tier 1", title: "End the active assignments of Tier 1", parents: { packageId: "pkg" } },
      { http, sleep: async () => undefined, noteGuests: async (guests) => { noted.push(...guests.map((g) => g.objectId)); } },
    );
    expect([...ended].sort()).toEqual(["a1", "a2", "a3"]);
    expect(outcome).toMatchObject({ result: "removed", detail: "3 assignments ended" });
    expect(noted).toEqual(["u1", "u2", "u3"]);
    expect(asked.slice(0, 2)).toEqual(["GET page 1", "GET page 2"]);
  });
});
