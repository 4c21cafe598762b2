// How Entra's answers to a refresh-token grant are read (the emulator-backed cases are in
// lib/auth/session/revalidate-emulator.test.ts). No network: fetch is scripted.
import { describe, expect, it } from "vitest";
import type { GraphAccessConfig } from "./config";
import { refreshUserSignIn, type UserRefreshOutcome } from "./user-refresh";

const config: GraphAccessConfig = {
  // Loopback with nothing listening: nothing here may leave the machine.
  authorityHost: "https://127.0.0.1:9",
  graphBaseUrl: "https://127.0.0.1:9",
  clientId: "a9a75384-bf7f-4dfb-b7ca-e996f77781f8",
  clientSecret: "secret",
};
const subject = { tenantId: "74361f78-e191-4c87-ac08-85e9f5f72879", objectId: "0a1b2c3d-0000-4000-8000-000000000001", refreshToken: "rt" };

const answer = (status: number, body: unknown): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })) as typeof fetch;
const entraError = (error: string, code: number) => ({ error, error_description: `AADSTS${code}: …`, error_codes: [code] });

describe("refreshUserSignIn", () => {
  it.each<[string, typeof fetch, UserRefreshOutcome]>([
    ["a disabled account", answer(400, entraError("invalid_grant", 50057)), { kind: "disabled", code: "AADSTS50057" }],
    ["no app assignment left", answer(400, entraError("invalid_grant", 50105)), { kind: "unassigned", code: "AADSTS50105" }],
    ["revoked sign-in sessions", answer(400, entraError("invalid_grant", 50173)), { kind: "refused", code: "AADSTS50173" }],
    ["an expired refresh token", answer(400, entraError("invalid_grant", 700082)), { kind: "refused", code: "AADSTS700082" }],
    ["invalid_grant without codes", answer(400, { error: "invalid_grant" }), { kind: "refused", code: "invalid_grant" }],
    ["our own secret refused", answer(401, entraError("invalid_client", 7000215)), { kind: "unavailable", detail: "token endpoint answered 401 AADSTS7000215" }],
    ["throttling", answer(429, { error: "temporarily_unavailable" }), { kind: "unavailable", detail: "token endpoint answered 429 temporarily_unavailable" }],
    ["an outage with an HTML page", (async () => new Response("<html>503</html>", { status: 503 })) as typeof fetch, { kind: "unavailable", detail: "token endpoint answered 503 http_503" }],
    ["a 200 without tokens", answer(200, { access_token: "x" }), { kind: "unavailable", detail: "the token response had no id_token or refresh_token" }],
  ])("reads %s", async (_name, fetchImpl, outcome) => {
    expect(await refreshUserSignIn(config, subject, fetchImpl)).toEqual(outcome);
  });

  it("treats a network failure as unavailable", async () => {
    const down = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    expect(await refreshUserSignIn(config, subject, down)).toEqual({ kind: "unavailable", detail: "token endpoint unreachable: fetch failed" });
  });

  it("posts a confidential-client refresh grant to the user's tenant", async () => {
    let seen: { url: string; body: URLSearchParams } | undefined;
    const capture = (async (url: string, init: RequestInit) => {
      seen = { url, body: new URLSearchParams(init.body as URLSearchParams) };
      return new Response("{}", { status: 500 });
    }) as unknown as typeof fetch;
    await refreshUserSignIn(config, subject, capture);
    expect(seen?.url).toBe(`https://127.0.0.1:9/${subject.tenantId}/oauth2/v2.0/token`);
    expect(Object.fromEntries(seen!.body)).toEqual({
      grant_type: "refresh_token",
      refresh_token: "rt",
      client_id: config.clientId,
      client_secret: "secret",
      scope: "openid profile email offline_access",
    });
  });

  it("never accepts an ID token that does not verify", async () => {
    const forged = answer(200, { id_token: "eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJHYXRlaG91c2UuQWRtaW4iXX0.", refresh_token: "rt2" });
    const outcome = await refreshUserSignIn(config, subject, forged);
    expect(outcome.kind).toBe("unavailable");
  });
});
