import { describe, expect, it } from "vitest";
import { latestConsentProblem } from "./consent-history";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 12, minute));

describe("latestConsentProblem", () => {
  it("is null before any attempt", () => {
    expect(latestConsentProblem([{ action: "invite.issued", at: at(0), details: {} }])).toBeNull();
  });

  it("reports the newest refusal with the redirect's own (unverified) words", () => {
    expect(
      latestConsentProblem([
        { action: "consent.started", at: at(3), details: {} },
        { action: "consent.refused", at: at(2), details: { reason: "denied", reportedByRedirect: "AADSTS65004: declined" } },
        { action: "consent.refused", at: at(1), details: { reason: "domain-not-verified" } },
      ]),
    ).toEqual({ outcome: "denied", at: at(2), reportedByRedirect: "AADSTS65004: declined" });
  });

  it("clears once a later attempt succeeded", () => {
    expect(
      latestConsentProblem([
        { action: "consent.granted", at: at(5), details: {} },
        { action: "consent.refused", at: at(2), details: { reason: "denied" } },
      ]),
    ).toBeNull();
  });

  it("ignores replayed, superseded and used-link answers, which are not failed attempts", () => {
    expect(
      latestConsentProblem([
        { action: "consent.refused", at: at(8), details: { reason: "invite-used" } },
        { action: "consent.refused", at: at(7), details: { reason: "state-superseded" } },
        { action: "consent.refused", at: at(6), details: { reason: "state-replayed" } },
        { action: "consent.granted", at: at(5), details: {} },
      ]),
    ).toBeNull();
  });

  it("treats an unknown recorded reason as a Microsoft error", () => {
    expect(latestConsentProblem([{ action: "consent.refused", at: at(1), details: { reason: "weird" } }])?.outcome).toBe(
      "microsoft-error",
    );
  });
});
