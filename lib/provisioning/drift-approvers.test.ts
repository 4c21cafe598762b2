import { describe, expect, it } from "vitest";
import type { BatchRequest, BatchResponse, GraphHttp } from "@/lib/graph/http";
import { blueprintSchema, DEFAULT_BLUEPRINT, type BlueprintDefinition } from "./blueprint";
import { approverGroupsFrom, reconcileApproverMembers, withAllApproverPages } from "./drift-approvers";
import { approverItems, approverMemberDifferences } from "./drift-classify";

const GRAPH = "https://graph.microsoft.com/v1.0";

/** Answers GETs from a fixed map of paths, recording what was asked. */
function pagesHttp(pages: Record<string, unknown>): { http: GraphHttp; asked: string[] } {
  const asked: string[] = [];
  const http = {
    request: async (method: string, path: string) => {
      asked.push(`${method} ${path}`);
      if (!(path in pages)) throw new Error(`unexpected ${path}`);
      return { status: 200, body: pages[path], headers: new Headers() };
    },
  } as unknown as GraphHttp;
  return { http, asked };
}

const answer = (id: string, body: unknown, status = 200): [string, BatchResponse] => [id, { id, status, body }];

describe("withAllApproverPages", () => {
  it("reads every further page of an approvers list and leaves single pages and other answers alone", async () => {
    const { http, asked } = pagesHttp({
      "/groups/g/members?$select=id&$skiptoken=2": { value: [{ id: "u2" }], "@odata.nextLink": `${GRAPH}/groups/g/members?$select=id&$skiptoken=3` },
      "/groups/g/members?$select=id&$skiptoken=3": { value: [{ id: "u3" }] },
    });
    const answers = new Map([
      answer("approvers:members:approvers", { value: [{ id: "u1" }], "@odata.nextLink": `${GRAPH}/groups/g/members?$select=id&$skiptoken=2` }),
      answer("approvers:assignments:approvers", { value: [{ id: "a1" }] }),
      answer("group:tier1", { id: "t1", "@odata.nextLink": "ignored: not an approvers read" }),
      answer("approvers:members:gone", { error: { code: "Request_ResourceNotFound" } }, 404),
    ]);
    const complete = await withAllApproverPages(answers, http);
    expect((complete.get("approvers:members:approvers")!.body as { value: unknown[] }).value).toEqual([{ id: "u1" }, { id: "u2" }, { id: "u3" }]);
    expect(complete.get("approvers:assignments:approvers")).toBe(answers.get("approvers:assignments:approvers"));
    expect(complete.get("group:tier1")).toBe(answers.get("group:tier1"));
    expect(complete.get("approvers:members:gone")!.status).toBe(404);
    expect(asked).toEqual(["GET /groups/g/members?$select=id&$skiptoken=2", "GET /groups/g/members?$select=id&$skiptoken=3"]);
  });
});

describe("attacks on approver reconciliation", () => {
  it("a nextLink that leads back to a page already read stops at once instead of reading 10,000 pages", async () => {
    const loop = `${GRAPH}/groups/g/members?$select=id&$skiptoken=2`;
    const { http, asked } = pagesHttp({ "/groups/g/members?$select=id&$skiptoken=2": { value: [{ id: "u2" }], "@odata.nextLink": loop } });
    const answers = new Map([answer("approvers:members:approvers", { value: [{ id: "u1" }], "@odata.nextLink": loop })]);
    await expect(withAllApproverPages(answers, http)).rejects.toThrow(/same page again|already read/i);
    expect(asked.length).toBeLessThanOrEqual(2);
  });

  it("an approver delivered by a second package that fills the approvers group is not removed", async () => {
    // A blueprint may give the approvers group a second package (a standby rota with a shorter expiry).
    const approversPkg = DEFAULT_BLUEPRINT.accessPackages.find((p) => p.key === "approvers")!;
    const blueprint: BlueprintDefinition = {
      ...DEFAULT_BLUEPRINT,
      accessPackages: [...DEFAULT_BLUEPRINT.accessPackages, { ...approversPkg, key: "approvers-standby", displayName: "MSSP Standby Approvers" }],
    };
    expect(blueprintSchema.safeParse(blueprint).success).toBe(true);
    const ids: Record<string, string> = { "group:approvers": "g-appr", "accessPackage:approvers": "p-main", "accessPackage:approvers-standby": "p-standby" };
    const members = new Set(["u-main", "u-standby"]);
    const assignmentsOf: Record<string, unknown[]> = {
      "p-main": [{ id: "a1", state: "delivered", target: { objectId: "u-main", displayName: "Alex" } }],
      "p-standby": [{ id: "a2", state: "delivered", target: { objectId: "u-standby", displayName: "Sam" } }],
    };
    const sent: string[] = [];
    const http = {
      batch: async (requests: BatchRequest[]) => new Map(requests.map((r): [string, BatchResponse] => {
        sent.push(`${r.method} ${r.url}`);
        if (r.method === "DELETE") {
          members.delete(r.url.split("/")[4]!);
          return [r.id, { id: r.id, status: 204, body: null }];
        }
        if (r.url.startsWith("/groups/g-appr/members")) return [r.id, { id: r.id, status: 200, body: { value: [...members].map((id) => ({ id })) } }];
        const pkg = Object.keys(assignmentsOf).find((p) => decodeURIComponent(r.url).includes(`'${p}'`));
        if (pkg) return [r.id, { id: r.id, status: 200, body: { value: assignmentsOf[pkg] } }];
        return [r.id, { id: r.id, status: 404, body: { error: { code: "Request_ResourceNotFound" } } }];
      })),
      request: async () => { throw new Error("no paging expected"); },
    } as unknown as GraphHttp;
    const result = await reconcileApproverMembers(blueprint, (key) => ids[key], http);
    expect(sent.filter((s) => s.startsWith("DELETE"))).toEqual([]);
    expect(result.removed).toEqual([]);
    expect([...members].sort()).toEqual(["u-main", "u-standby"]);
  });

  it("a member put there by an assignment whose target has no object id yet (a guest being made) is not removed", () => {
    // Graph: accessPackageSubject.objectId is null while the subject is not yet a user in the tenant.
    const ids: Record<string, string> = { "group:approvers": "g-appr", "accessPackage:approvers": "p-main" };
    const answers = new Map([
      answer("approvers:members:approvers", { value: [{ id: "u-main" }, { id: "u-new" }] }),
      answer("approvers:assignments:approvers:approvers", { value: [
        { id: "a1", state: "delivered", target: { objectId: "u-main", displayName: "Alex" } },
        { id: "a2", state: "delivering", target: { objectId: null, displayName: "New Guest", email: "new@mssp.example" } },
      ] }),
    ]);
    const [group] = approverGroupsFrom(DEFAULT_BLUEPRINT, (key) => ids[key], answers);
    expect(approverMemberDifferences(group!).extra).toEqual([]);
    expect(approverItems(group!)).toEqual([]);
  });

  it("a member whose assignment appeared between the two reads of one $batch is not removed", async () => {
    // $batch runs its reads in any order: the members read can see an approver entitlement
    // management just added while the assignments read, run a moment before, does not list them yet.
    const ids: Record<string, string> = { "group:approvers": "g-appr", "accessPackage:approvers": "p-main" };
    const alex = { id: "a1", state: "delivered", target: { objectId: "u-main", displayName: "Alex" } };
    const sam = { id: "a2", state: "delivered", target: { objectId: "u-new", displayName: "Sam" } };
    let assignmentReads = 0;
    const sent: string[] = [];
    const http = {
      batch: async (requests: BatchRequest[]) => new Map(requests.map((r): [string, BatchResponse] => {
        sent.push(`${r.method} ${r.url}`);
        if (r.method === "DELETE") return [r.id, { id: r.id, status: 204, body: null }];
        if (r.url.startsWith("/groups/g-appr/members")) return [r.id, { id: r.id, status: 200, body: { value: [{ id: "u-main" }, { id: "u-new" }] } }];
        return [r.id, { id: r.id, status: 200, body: { value: assignmentReads++ === 0 ? [alex] : [alex, sam] } }];
      })),
      request: async () => { throw new Error("no paging expected"); },
    } as unknown as GraphHttp;
    const result = await reconcileApproverMembers(DEFAULT_BLUEPRINT, (key) => ids[key], http);
    expect(sent.filter((s) => s.startsWith("DELETE"))).toEqual([]);
    expect(result).toEqual({ added: [], removed: [], unknown: [] });
  });
});
