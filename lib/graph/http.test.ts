// GraphHttp against a scripted fetch: Retry-After, timeouts, what is retried and what is not, $batch chunks.
import { describe, expect, it } from "vitest";
import { GraphError, TokenError } from "./errors";
import { GraphHttp, type GraphHttpOptions } from "./http";

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "drop" | "hang";

function scripted(replies: Reply[], options: Partial<GraphHttpOptions> = {}) {
  const calls: { method: string; url: string; body: unknown; auth: string }[] = [];
  const sleeps: number[] = [];
  const tokens: boolean[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    calls.push({ method: String(init?.method), url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined, auth: String((init?.headers as Record<string, string>).authorization) });
    const reply = replies.shift() ?? { status: 500 };
    if (reply === "drop") return Promise.reject(new TypeError("fetch failed"));
    if (reply === "hang") {
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason as Error)));
    }
    return Promise.resolve(new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { "request-id": `req-${calls.length}`, ...reply.headers } }));
  };
  const http = new GraphHttp({
    graphBaseUrl: "https://graph.example",
    tenantId: "t",
    getAccessToken: (o) => { tokens.push(o?.forceRefresh === true); return Promise.resolve(`token-${tokens.length}`); },
    fetch: fetchImpl,
    sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); },
    ...options,
  });
  return { http, calls, sleeps, tokens };
}

const rejection = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("expected a rejection"), (error: unknown) => error);
const throttled = (seconds: string): Reply => ({ status: 429, body: { error: { code: "TooManyRequests", message: "slow down" } }, headers: { "retry-after": seconds } });

describe("GraphHttp.request", () => {
  it("waits exactly Retry-After after a 429, then returns the answer with its request-id", async () => {
    const { http, calls, sleeps } = scripted([throttled("3"), { status: 200, body: { id: "g1" } }]);
    const response = await http.request<{ id: string }>("GET", "/groups/g1");
    expect(response).toEqual({ status: 200, body: { id: "g1" }, requestId: "req-2" });
    expect(sleeps).toEqual([3000]);
    expect(calls.map((c) => c.url)).toEqual(["https://graph.example/v1.0/groups/g1", "https://graph.example/v1.0/groups/g1"]);
  });

  it("retries a throttled POST (Graph did not run it) but not a POST that failed with 503 or a dropped connection", async () => {
    const ok = scripted([throttled("1"), { status: 201, body: { id: "new" } }]);
    expect((await ok.http.request("POST", "/groups", { displayName: "x" })).status).toBe(201);
    expect(ok.calls).toHaveLength(2);

    const unavailable = scripted([{ status: 503, body: { error: { code: "serviceNotAvailable", message: "later" } }, headers: { "retry-after": "1" } }]);
    expect(await rejection(unavailable.http.request("POST", "/groups", {}))).toMatchObject({ name: "GraphError", status: 503, code: "serviceNotAvailable", requestId: "req-1", retryAfter: 1 });
    expect(unavailable.calls).toHaveLength(1);

    const dropped = scripted(["drop"]);
    expect(await rejection(dropped.http.request("POST", "/groups", {}))).toMatchObject({ status: 0, code: "networkError" });
    expect(dropped.calls).toHaveLength(1);
  });

  it("retries reads after 503 and dropped connections with backoff, and gives up after maxAttempts", async () => {
    const { http, calls, sleeps } = scripted(["drop", { status: 503 }, { status: 200, body: {} }]);
    await http.request("GET", "/groups");
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps.every((ms) => ms >= 250 && ms <= 8000)).toBe(true);

    const always = scripted(Array.from({ length: 10 }, () => ({ status: 503 }) as Reply), { maxAttempts: 3 });
    expect(await rejection(always.http.request("GET", "/groups"))).toMatchObject({ status: 503 });
    expect(always.calls).toHaveLength(3);
  });

  it("does not wait a Retry-After beyond the cap", async () => {
    const { http, sleeps } = scripted([throttled("600")], { maxRetryAfterSeconds: 60 });
    expect(await rejection(http.request("GET", "/groups"))).toMatchObject({ status: 429, retryAfter: 600 });
    expect(sleeps).toEqual([]);
  });

  it("a call with no answer ends at the timeout as a GraphError", async () => {
    const { http } = scripted(["hang"], { timeoutMs: 50, maxAttempts: 1 });
    const error = await rejection(http.request("GET", "/groups"));
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 0, code: "timeout" });
  });

  it("after a 401 asks for a fresh token once; a refused token surfaces as the TokenError", async () => {
    const { http, tokens, calls } = scripted([{ status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "revoked" } } }, { status: 200, body: {} }]);
    await http.request("GET", "/groups");
    expect(tokens).toEqual([false, true]);
    expect(calls[1]!.auth).toBe("Bearer token-2");

    const refused = new TokenError("AADSTS7000229: missing service principal", { code: "AADSTS7000229", tenantId: "t", retryable: true });
    const revoked = scripted([{ status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "revoked" } } }], {
      getAccessToken: (o) => (o?.forceRefresh ? Promise.reject(refused) : Promise.resolve("old")),
    });
    expect(await rejection(revoked.http.request("GET", "/groups"))).toBe(refused);
  });
});

describe("GraphHttp.batch", () => {
  it("sends 20 requests per $batch, all chunks at once, and retries only the throttled inner requests", async () => {
    const requests = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, method: "GET" as const, url: `/groups/g${i}` }));
    const answer = (ids: string[], throttle: string[] = []) => ({
      status: 200,
      body: { responses: ids.map((id) => (throttle.includes(id) ? { id, status: 429, headers: { "Retry-After": "2" }, body: { error: { code: "TooManyRequests" } } } : { id, status: 200, headers: { "request-id": `inner-${id}` }, body: { id } })) },
    });
    const { http, calls, sleeps } = scripted([
      answer(requests.slice(0, 20).map((r) => r.id), ["r3"]),
      answer(requests.slice(20).map((r) => r.id)),
      answer(["r3"]),
    ]);
    const results = await http.batch(requests);
    expect(calls.map((c) => (c.body as { requests: unknown[] }).requests.length)).toEqual([20, 5, 1]);
    expect(calls[0]!.url).toBe("https://graph.example/v1.0/$batch");
    expect(sleeps).toEqual([2000]);
    expect(results.size).toBe(25);
    expect(results.get("r3")).toMatchObject({ status: 200, requestId: "inner-r3" });
    expect(results.get("r24")).toMatchObject({ status: 200, body: { id: "r24" } });
  });

  it("hands back inner failures as they are (an outer 200 says nothing of its parts)", async () => {
    const { http } = scripted([{ status: 200, body: { responses: [{ id: "a", status: 404, body: { error: { code: "Request_ResourceNotFound", message: "gone" } } }] } }]);
    const results = await http.batch([{ id: "a", method: "GET", url: "/groups/x" }], "beta");
    expect(results.get("a")).toMatchObject({ status: 404 });
  });
});
