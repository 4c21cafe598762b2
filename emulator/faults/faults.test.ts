import { describe, expect, it } from "vitest";
import { FaultInjector, faultsFromEnv, patternToRegExp } from "./faults.ts";

describe("fault injection", () => {
  it("plays a scripted sequence, then falls back to the rates", () => {
    const faults = new FaultInjector([{ sequence: ["429", "503", "drop", "ok"], retryAfterSeconds: 2 }]);
    const kinds = Array.from({ length: 5 }, () => faults.decide("GET", "/v1.0/groups").outcome);
    expect(kinds).toEqual([{ kind: "429", retryAfterSeconds: 2 }, { kind: "503", retryAfterSeconds: 2 }, { kind: "drop" }, { kind: "ok" }, { kind: "ok" }]);
  });

  it("gives the same outcomes for the same seed and honours the rates", () => {
    const run = () => {
      const faults = new FaultInjector([{ rate429: 0.25, rate503: 0.25, seed: 42 }]);
      return Array.from({ length: 400 }, () => faults.decide("GET", "/v1.0/groups").outcome.kind);
    };
    const first = run();
    expect(run()).toEqual(first);
    const share = (kind: string) => first.filter((k) => k === kind).length / first.length;
    expect(share("429")).toBeGreaterThan(0.15);
    expect(share("429")).toBeLessThan(0.35);
    expect(share("503")).toBeGreaterThan(0.15);
    expect(share("ok")).toBeGreaterThan(0.4);
  });

  it("applies only to matching paths and methods; the first matching rule wins", () => {
    const faults = new FaultInjector([
      { pathPattern: "/v1.0/identityGovernance/**", method: "POST", sequence: ["503"] },
      { pathPattern: "/v1.0/groups/*/members", latencyMs: 50 },
    ]);
    expect(faults.decide("GET", "/v1.0/identityGovernance/entitlementManagement/catalogs").outcome.kind).toBe("ok");
    expect(faults.decide("POST", "/v1.0/identityGovernance/entitlementManagement/catalogs").outcome.kind).toBe("503");
    expect(faults.decide("GET", "/v1.0/groups/abc/members").latencyMs).toBe(50);
    expect(faults.decide("GET", "/v1.0/groups/abc/owners").latencyMs).toBe(0);
  });

  it("accepts regular expressions and globs", () => {
    expect(patternToRegExp("re:/groups$").test("/v1.0/groups")).toBe(true);
    expect(patternToRegExp("/v1.0/*").test("/v1.0/groups")).toBe(true);
    expect(patternToRegExp("/v1.0/*").test("/v1.0/groups/x")).toBe(false);
    expect(patternToRegExp("/v1.0/**").test("/v1.0/groups/x")).toBe(true);
  });

  it("reads EMULATOR_FAULTS and fails loudly on a bad value", () => {
    expect(faultsFromEnv('[{"rate429":0.1}]')).toEqual([{ rate429: 0.1 }]);
    expect(faultsFromEnv(undefined)).toEqual([]);
    expect(() => faultsFromEnv('[{"rate429":2}]')).toThrow(/EMULATOR_FAULTS/);
    expect(() => faultsFromEnv("nope")).toThrow(/EMULATOR_FAULTS/);
  });
});
