import { afterEach, describe, expect, it, vi } from "vitest";
import { createGraphClient, graphGet, listAll } from "./client";
import { GraphError, TokenError } from "./errors";

// The SDK's HTTPMessageHandler calls the global fetch; these tests script its answers.
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
const seen: { url: string; headers: Headers }[] = [];

function scriptFetch(answers: Answer[]): void {
  let i = 0;
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    seen.push({ url, headers: new Headers(init?.headers) });
    const answer = answers[Math.min(i++, answers.length - 1)]!;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json", ...answer.headers },
    });
  });
}

const client = (getAccessToken: () => Promise<string> = async () => "token-1") =>
  createGraphClient({ graphBaseUrl: "https://127.0.0.1:9443", tenantId: "f751f8f2-154d-4e76-acbb-2dba45769137", getAccessToken });

const throttled = (retryAfter: string): Answer => ({
  status: 429,
  headers: { "Retry-After": retryAfter, "request-id": "req-429" },
  body: { error: { code: "TooManyRequests", message: "Too many requests, retry after some time." } },
});

afterEach(() => {
  vi.unstubAllGlobals();
  seen.length = 0;
});

describe("Graph client", () => {
  it("sends the token to the custom host and the v1.0 path", async () => {
    scriptFetch([{ status: 200, body: { id: "x" } }]);
    await expect(graphGet(client(), "/organization")).resolves.toEqual({ id: "x" });
    expect(seen[0]?.url).toBe("https://127.0.0.1:9443/v1.0/organization");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer token-1");
  });

  it("retries a 429 after the Retry-After Graph asked for", async () => {
    scriptFetch([throttled("1"), { status: 200, body: { ok: true } }]);
    const started = Date.now();
    await expect(graphGet(client(), "/groups")).resolves.toEqual({ ok: true });
    const waited = Date.now() - started;
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers.get("retry-attempt")).toBe("1");
    // 1 s as asked; the SDK's own default without Retry-After would be 3 s
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2500);
  });

  it("retries a 503 too", async () => {
    scriptFetch([{ status: 503, headers: { "Retry-After": "0" }, body: { error: { code: "serviceNotAvailable", message: "busy" } } }, { status: 200, body: {} }]);
    await graphGet(client(), "/groups");
    expect(seen).toHaveLength(2);
  });

  it("gives up after 3 retries with a GraphError that carries Retry-After and the request id", async () => {
    scriptFetch([throttled("0")]);
    const error = await graphGet(client(), "/groups").catch((e: unknown) => e);
    expect(seen).toHaveLength(4);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 429, code: "TooManyRequests", retryAfter: 0, requestId: "req-429" });
  });

  it("does not retry other failures", async () => {
    scriptFetch([{ status: 403, body: { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges.", innerError: { "request-id": "req-403", date: "2026-01-01T00:00:00" } } } }]);
    const error = await graphGet(client(), "/groups").catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ name: "GraphError", status: 403, code: "Authorization_RequestDenied", requestId: "req-403", message: "Insufficient privileges." });
  });

  it("lets a token failure out as the TokenError, sending nothing", async () => {
    scriptFetch([{ status: 200, body: {} }]);
    const failure = new TokenError("no service principal", { code: "AADSTS7000229", tenantId: "t", retryable: true });
    const error = await graphGet(client(() => Promise.reject(failure)), "/groups").catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(seen).toHaveLength(0);
  });

  it("reports an unreachable Graph as status 0 networkError", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("fetch failed")));
    await expect(graphGet(client(), "/groups")).rejects.toMatchObject({ name: "GraphError", status: 0, code: "networkError" });
  });
});

describe("listAll", () => {
  it("collects every page through @odata.nextLink", async () => {
    scriptFetch([
      { status: 200, body: { value: [1, 2], "@odata.nextLink": "https://127.0.0.1:9443/v1.0/groups?$skiptoken=a%3D" } },
      { status: 200, body: { value: [3], "@odata.nextLink": "https://127.0.0.1:9443/v1.0/groups?$skiptoken=b" } },
      { status: 200, body: { value: [4] } },
    ]);
    await expect(listAll<number>(client(), "/groups")).resolves.toEqual([1, 2, 3, 4]);
    expect(seen.map((s) => s.url)).toEqual([
      "https://127.0.0.1:9443/v1.0/groups",
      "https://127.0.0.1:9443/v1.0/groups?$skiptoken=a%3D",
      "https://127.0.0.1:9443/v1.0/groups?$skiptoken=b",
    ]);
  });

  it("stops when Graph hands back a nextLink it already gave", async () => {
    scriptFetch([{ status: 200, body: { value: [1], "@odata.nextLink": "https://127.0.0.1:9443/v1.0/groups?$skiptoken=same" } }]);
    await expect(listAll(client(), "/groups")).rejects.toMatchObject({ code: "nextLinkLoop" });
  });

  it("never sends the token to a nextLink on another host", async () => {
    scriptFetch([
      { status: 200, body: { value: [1], "@odata.nextLink": "https://evil.example/v1.0/groups?$skiptoken=x" } },
      { status: 200, body: { value: [2] } },
    ]);
    await listAll(client(), "/groups");
    expect(seen[1]?.url).toBe("https://evil.example/v1.0/groups?$skiptoken=x");
    expect(seen[1]?.headers.get("authorization")).toBeNull();
  });
});
