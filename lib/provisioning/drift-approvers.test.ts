import { describe, expect, it } from "vitest";
import type { BatchResponse, GraphHttp } from "@/lib/graph/http";
import { withAllApproverPages } from "./drift-approvers";

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
