import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ON_PURPOSE_INVALID, startGraphHarness, type Harness, type LooseJson } from "../testing/harness.ts";

let h: Harness;
beforeAll(async () => { h = await startGraphHarness({ faults: [] }); });
afterAll(() => h.close());
beforeEach(() => { h.world.reset(); h.graph.faults.clear(); });

const group = (name: string) => ({ displayName: name, mailEnabled: false, mailNickname: name, securityEnabled: true });
const json = { "Content-Type": "application/json" };
const byId = (responses: { id: string }[]) => Object.fromEntries(responses.map((r) => [r.id, r])) as Record<string, LooseJson>;

describe("$batch", () => {
  it("runs independent and dependent requests and reports each status", async () => {
    const r = await h.call("POST", "/v1.0/$batch", { body: { requests: [
      { id: "1", method: "POST", url: "/groups", headers: json, body: group("a") },
      { id: "2", method: "POST", url: "/groups", headers: json, body: group("b"), dependsOn: ["1"] },
      { id: "3", method: "GET", url: "/organization?$select=id", dependsOn: ["2"] },
      { id: "4", method: "GET", url: "/groups/00000000-0000-0000-0000-000000000000" },
    ] } });
    expect(r.status).toBe(200);
    const responses = byId(r.body.responses);
    expect(responses["1"].status).toBe(201);
    expect(responses["2"].status).toBe(201);
    expect(responses["3"]).toMatchObject({ status: 200, body: { value: [{ id: expect.any(String) }] } });
    expect(responses["4"].status).toBe(404);
    expect(responses["4"].body.error.code).toBe("Request_ResourceNotFound");
    expect(responses["1"].headers["content-type"]).toMatch(/application\/json/);
    const order = r.body.responses.map((x: { id: string }) => x.id);
    expect(order.indexOf("1")).toBeLessThan(order.indexOf("2"));
    expect(order.indexOf("2")).toBeLessThan(order.indexOf("3"));
  });

  it("fails dependents of a failed request with 424", async () => {
    const r = await h.call("POST", "/v1.0/$batch", { body: { requests: [
      { id: "a", method: "POST", url: "/groups", headers: json, body: { displayName: "no nickname", mailEnabled: false, securityEnabled: true } },
      { id: "b", method: "GET", url: "/groups", dependsOn: ["a"] },
      { id: "c", method: "GET", url: "/groups", dependsOn: ["b"] },
    ] } });
    const responses = byId(r.body.responses);
    expect(responses.a.status).toBe(400);
    expect(responses.b.status).toBe(424);
    expect(responses.c.status).toBe(424);
    expect(responses.b.body.error.code).toBe("FailedDependency");
  });

  it("checks permissions per inner request", async () => {
    const r = await h.call("POST", "/v1.0/$batch", { token: "Bearer fake|f751f8f2-154d-4e76-acbb-2dba45769137|Group.Read.All", body: { requests: [
      { id: "1", method: "GET", url: "/groups" },
      { id: "2", method: "POST", url: "/groups", headers: json, body: group("x") },
    ] } });
    const responses = byId(r.body.responses);
    expect(responses["1"].status).toBe(200);
    expect(responses["2"].status).toBe(403);
  });

  it("answers 401 for the whole batch without a token", async () => {
    expect((await h.call("POST", "/v1.0/$batch", { token: null, body: { requests: [{ id: "1", method: "GET", url: "/groups" }] } })).status).toBe(401);
  });

  it.each([
    ["more than 20 requests", { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/groups" })) }, /exceeds the limit of 20/],
    ["duplicate ids", { requests: [{ id: "1", method: "GET", url: "/groups" }, { id: "1", method: "GET", url: "/users" }] }, /unique/],
    ["an unknown dependency", { requests: [{ id: "1", method: "GET", url: "/groups", dependsOn: ["9"] }] }, /not in the batch/],
    ["no requests array", { value: [] }, /'requests' array is required/],
    ["a dependency cycle", { requests: [{ id: "1", method: "GET", url: "/groups", dependsOn: ["2"] }, { id: "2", method: "GET", url: "/groups", dependsOn: ["1"] }] }, /cycle/],
  ])("rejects %s with 400", async (_name, body, message) => {
    const r = await h.call("POST", "/v1.0/$batch", { body, headers: ON_PURPOSE_INVALID });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(message);
  });

  it("answers 400 for an inner write without Content-Type, and for absolute URLs, without failing the batch", async () => {
    const r = await h.call("POST", "/v1.0/$batch", { body: { requests: [
      { id: "1", method: "POST", url: "/groups", body: group("x") },
      { id: "2", method: "GET", url: "https://graph.microsoft.com/v1.0/groups" },
      { id: "3", method: "GET", url: "/groups" },
      { id: "4", method: "POST", url: "/$batch", headers: json, body: { requests: [] } },
    ] } });
    const responses = byId(r.body.responses);
    expect(responses["1"].status).toBe(400);
    expect(responses["1"].body.error.message).toMatch(/Content-Type/);
    expect(responses["2"].status).toBe(400);
    expect(responses["3"].status).toBe(200);
    expect(responses["4"].status).toBe(400);
  });

  it("works on /beta too, and logs one traffic line per inner request", async () => {
    const before = h.graph.traffic.since(0).cursor;
    const r = await h.call("POST", "/beta/$batch", { body: { requests: [
      { id: "1", method: "GET", url: "/roleManagement/defender/roleDefinitions?$select=id" },
      { id: "2", method: "GET", url: "/groups" },
    ] } });
    expect(r.body.responses.every((x: { status: number }) => x.status === 200)).toBe(true);
    const lines = h.graph.traffic.since(before).entries;
    expect(lines.map((l) => l.path).sort()).toEqual(["/beta/$batch", "/beta/groups", "/beta/roleManagement/defender/roleDefinitions"]);
    expect(lines.find((l) => l.path === "/beta/roleManagement/defender/roleDefinitions")?.query).toBe("$select=id");
  });

  it("throttles inner requests one by one", async () => {
    h.graph.faults.configure([{ pathPattern: "/v1.0/groups", sequence: ["429"], retryAfterSeconds: 3 }]);
    const r = await h.call("POST", "/v1.0/$batch", { body: { requests: [{ id: "1", method: "GET", url: "/groups" }, { id: "2", method: "GET", url: "/organization" }] } });
    expect(r.status).toBe(200);
    const responses = byId(r.body.responses);
    expect(responses["1"]).toMatchObject({ status: 429, headers: { "retry-after": "3" } });
    expect(responses["2"].status).toBe(200);
  });
});
