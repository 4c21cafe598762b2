import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env-schema";

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.issues;
    throw error;
  }
  return [];
}

describe("environment validation", () => {
  it("has working defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      AUTH_URL: "http://localhost:3000",
      ENTRA_AUTHORITY_HOST: "https://login.microsoftonline.com",
      GRAPH_BASE_URL: "https://graph.microsoft.com",
      CONSENT_INVITE_TTL_DAYS: 14,
      SESSION_ABSOLUTE_HOURS: 12,
      SESSION_IDLE_MINUTES: 120,
      SESSION_ROLE_CHECK_MINUTES: 10,
      GATEHOUSE_DEMO: false,
      HOST: "127.0.0.1",
      TRUSTED_PROXY_HOPS: 0,
      CONSENT_RATE_LIMIT_PER_ADDRESS: 60,
      CONSENT_RATE_LIMIT_PER_INVITE: 30,
      CONSENT_RATE_LIMIT_WINDOW_SECONDS: 600,
      WORKER_CONCURRENCY: 4,
      WORKER_JOB_TIMEOUT_SECONDS: 300,
      WORKER_DRAIN_SECONDS: 30,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", ENTRA_CLIENT_ID: "  " }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL"],
    [{ ENTRA_AUTHORITY_HOST: "http://login.example" }, "ENTRA_AUTHORITY_HOST"],
    [{ GRAPH_BASE_URL: "not a url" }, "GRAPH_BASE_URL"],
    [{ ENTRA_CLIENT_ID: "gatehouse" }, "ENTRA_CLIENT_ID"],
    [{ GATEHOUSE_MSSP_TENANT_ID: "123" }, "GATEHOUSE_MSSP_TENANT_ID"],
    [{ GATEHOUSE_MSSP_DOMAIN: "https://x.com" }, "GATEHOUSE_MSSP_DOMAIN"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ CONSENT_INVITE_TTL_DAYS: "0" }, "CONSENT_INVITE_TTL_DAYS"],
    [{ HOST: "example.com" }, "HOST"],
    [{ TRUSTED_PROXY_HOPS: "-1" }, "TRUSTED_PROXY_HOPS"],
    [{ TRUSTED_PROXY_HOPS: "1.5" }, "TRUSTED_PROXY_HOPS"],
    [{ CONSENT_RATE_LIMIT_PER_ADDRESS: "0" }, "CONSENT_RATE_LIMIT_PER_ADDRESS"],
    [{ CONSENT_RATE_LIMIT_PER_INVITE: "many" }, "CONSENT_RATE_LIMIT_PER_INVITE"],
    [{ CONSENT_RATE_LIMIT_WINDOW_SECONDS: "0" }, "CONSENT_RATE_LIMIT_WINDOW_SECONDS"],
    [{ CONSENT_INVITE_TTL_DAYS: "two weeks" }, "CONSENT_INVITE_TTL_DAYS"],
    [{ PORT: "70000" }, "PORT"],
    [{ SESSION_ABSOLUTE_HOURS: "0" }, "SESSION_ABSOLUTE_HOURS"],
    [{ SESSION_ABSOLUTE_HOURS: "12.5" }, "SESSION_ABSOLUTE_HOURS"],
    [{ SESSION_IDLE_MINUTES: "2" }, "SESSION_IDLE_MINUTES"],
    [{ SESSION_ROLE_CHECK_MINUTES: "30" }, "SESSION_ROLE_CHECK_MINUTES"],
    [{ GATEHOUSE_DEMO: "yes" }, "GATEHOUSE_DEMO"],
    [{ GATEHOUSE_DEMO_ACCOUNTS: "{not json" }, "GATEHOUSE_DEMO_ACCOUNTS"],
    [{ WORKER_CONCURRENCY: "0" }, "WORKER_CONCURRENCY"],
    [{ WORKER_CONCURRENCY: "many" }, "WORKER_CONCURRENCY"],
    [{ WORKER_JOB_TIMEOUT_SECONDS: "2" }, "WORKER_JOB_TIMEOUT_SECONDS"],
    [{ WORKER_DRAIN_SECONDS: "1.5" }, "WORKER_DRAIN_SECONDS"],
  ])("names the variable in the error for %j", (source, variable) => {
    const issues = problems(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it("reports every bad variable at once", () => {
    expect(problems({ PORT: "x", AUTH_URL: "ftp://x" }).map((i) => i.split(":")[0])).toEqual(["PORT", "AUTH_URL"]);
  });
});
