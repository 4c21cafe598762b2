import { describe, expect, it } from "vitest";
import { CONSENT_OUTCOMES, isConsentOutcome, outcomeForMicrosoftError } from "./outcomes";

describe("Microsoft's consent errors", () => {
  it.each([
    ["access_denied", "AADSTS65004: User declined to consent to access the app.", "denied"],
    ["consent_required", "AADSTS65004: declined", "denied"],
    ["consent_required", "AADSTS90094: An administrator of Contoso has set a policy ...", "admin-required"],
    ["access_denied", "AADSTS90008: The user or administrator has not consented", "admin-required"],
    ["server_error", "AADSTS50000: There was an error issuing a token.", "microsoft-error"],
    ["temporarily_unavailable", "", "microsoft-error"],
  ])("%s / %s → %s", (error, description, outcome) => {
    expect(outcomeForMicrosoftError(error, description)).toBe(outcome);
  });

  it("has words for every outcome and recognizes only its own codes", () => {
    for (const [code, text] of Object.entries(CONSENT_OUTCOMES)) {
      expect(isConsentOutcome(code)).toBe(true);
      expect(text.title.length).toBeGreaterThan(5);
      expect(text.body.length).toBeGreaterThan(20);
    }
    expect(isConsentOutcome("toString")).toBe(false);
    expect(isConsentOutcome("granted ")).toBe(false);
  });
});
