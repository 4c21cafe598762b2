import { describe, expect, it } from "vitest";
import { accessPackageRequestUrl, defenderPortalUrl, myAccessApprovalsUrl, myAccessUrl } from "./links";
import { adminConsentUrl, consentCallbackUri } from "./onboarding/consent-url";

describe("portal links", () => {
  it("builds the My Access link with the customer's domain as directory hint", () => {
    expect(myAccessUrl("contoso.com")).toBe("https://myaccess.microsoft.com/@contoso.com");
  });

  it("builds an access package request link", () => {
    expect(accessPackageRequestUrl("contoso.com", "5b8f2a9e-0000-4000-8000-000000000001")).toBe(
      "https://myaccess.microsoft.com/@contoso.com#/access-packages/5b8f2a9e-0000-4000-8000-000000000001",
    );
  });

  it("builds the Defender link for the customer's tenant", () => {
    expect(defenderPortalUrl("f751f8f2-154d-4e76-acbb-2dba45769137")).toBe(
      "https://security.microsoft.com/?tid=f751f8f2-154d-4e76-acbb-2dba45769137",
    );
  });

  it("builds the My Access approvals link of the customer's tenant", () => {
    expect(myAccessApprovalsUrl("contoso.com")).toBe("https://myaccess.microsoft.com/@contoso.com#/approvals");
    expect(myAccessApprovalsUrl("evil.com/#x")).toBe("https://myaccess.microsoft.com/@evil.com%2F%23x#/approvals");
  });

  it("escapes values that could break out of the URL", () => {
    expect(myAccessUrl("evil.com/#x")).toBe("https://myaccess.microsoft.com/@evil.com%2F%23x");
  });
});

describe("admin consent URL", () => {
  it("targets the tenant the admin's sign-in proved, with client id, redirect URI, /.default and state", () => {
    const url = new URL(
      adminConsentUrl({
        authorityHost: "https://login.microsoftonline.com",
        tenant: "f751f8f2-154d-4e76-acbb-2dba45769137",
        clientId: "a9a75384-bf7f-4dfb-b7ca-e996f77781f8",
        redirectUri: consentCallbackUri("https://gatehouse.example.com"),
        state: "abc.def",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://login.microsoftonline.com/f751f8f2-154d-4e76-acbb-2dba45769137/v2.0/adminconsent");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "a9a75384-bf7f-4dfb-b7ca-e996f77781f8",
      scope: "https://graph.microsoft.com/.default",
      redirect_uri: "https://gatehouse.example.com/api/consent/callback",
      state: "abc.def",
    });
  });
});

describe("myAccessApprovalsUrl", () => {
  it("opens the approvals page of the customer's My Access", () => {
    expect(myAccessApprovalsUrl("contoso.com")).toBe("https://myaccess.microsoft.com/@contoso.com#/approvals");
  });
});
