import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, generateNonce, referrerPolicy, strictTransportSecurity } from "./headers";

describe("security headers", () => {
  it("builds a nonce policy that forbids framing and inline code", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, formTargets: ["https://login.example"], https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self' https://login.example");
    expect(csp).toContain("style-src-elem 'self' 'nonce-abc'");
    expect(csp).not.toContain("unsafe-eval");
    // Inline code is refused; only style attributes, which cannot run code, are allowed.
    expect(csp.match(/unsafe-inline/g)).toHaveLength(1);
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "abc", dev: false, formTargets: [], https: true })).toContain("upgrade-insecure-requests");
  });

  it("gives every request a different nonce", () => {
    const nonces = new Set(Array.from({ length: 50 }, generateNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it.each([
    ["/consent/abc", "no-referrer"],
    ["/consent/result", "no-referrer"],
    ["/api/consent/callback", "no-referrer"],
    ["/consentx", "strict-origin-when-cross-origin"],
    ["/customers/1", "strict-origin-when-cross-origin"],
  ])("Referrer-Policy of %s is %s", (path, policy) => {
    expect(referrerPolicy(path)).toBe(policy);
  });

  it("sends HSTS only when the portal's URL is https", () => {
    expect(strictTransportSecurity("https://gatehouse.example")).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
  });
});
