import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, APP_SECRET, MSSP_TENANT, startDemoEmulator } from "./test-helpers.ts";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startDemoEmulator();
});
afterAll(() => emulator.close());

describe("msal-node + @microsoft/microsoft-graph-client, both unmodified", () => {
  it("reads the organization with an app token obtained from the emulator", async () => {
    const { host, hostname } = new URL(emulator.url);
    const cca = new ConfidentialClientApplication({ auth: { clientId: APP_ID, clientSecret: APP_SECRET, authority: `${emulator.url}/${MSSP_TENANT}`, knownAuthorities: [host] } });
    const client = Client.init({
      baseUrl: emulator.url,
      customHosts: new Set([hostname]),
      authProvider: (done) => {
        cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"], authority: `${emulator.url}/${MSSP_TENANT}` }).then(
          (result) => done(null, result?.accessToken ?? null),
          (error: unknown) => done(error, null),
        );
      },
    });
    const organization = (await client.api("/organization").get()) as { value: { id: string; displayName: string; verifiedDomains: { name: string }[] }[] };
    expect(organization.value[0]).toMatchObject({ id: MSSP_TENANT, displayName: "Northwind Defense" });
    expect(organization.value[0]!.verifiedDomains.map((d) => d.name)).toContain("northwinddefense.com");
  });
});
