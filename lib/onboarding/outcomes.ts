// Pure: every way a consent attempt can end, in words for the person in front of the screen
// (the customer's admin) and a short line for the MSSP's audit trail.
export const CONSENT_OUTCOMES = {
  granted: {
    title: "Consent granted",
    body: "Thank you. Gatehouse confirmed the consent with Microsoft. Your MSSP will now set up its access in your tenant; you can close this window.",
    audit: "Consent proven and recorded",
  },
  denied: {
    title: "Consent was not granted",
    body: "The request was cancelled or declined at Microsoft, so nothing was set up in your tenant. If this was a mistake, open the link from your MSSP again.",
    audit: "The customer's admin declined or cancelled consent at Microsoft",
  },
  "admin-required": {
    title: "An administrator must grant this consent",
    body: "The account you signed in with cannot grant consent for the whole organization, so nothing was set up. Ask a Global Administrator of your tenant to open the link from your MSSP.",
    audit: "A user who is not an administrator tried to consent",
  },
  "microsoft-error": {
    title: "Microsoft reported a problem",
    body: "Microsoft could not complete the consent. Nothing was set up in your tenant. Try the link again in a few minutes; if it keeps failing, tell your MSSP: they can see the details in their audit trail.",
    audit: "Microsoft returned an error during consent",
  },
  "invalid-state": {
    title: "This response cannot be trusted",
    body: "The answer from Microsoft did not come from a consent link Gatehouse issued, so it was ignored and nothing changed. Open the link from your MSSP again.",
    audit: "Callback with a forged or damaged state was ignored",
  },
  "state-expired": {
    title: "The consent attempt took too long",
    body: "For security, each attempt must finish within an hour. Nothing changed. Open the link from your MSSP again to start over.",
    audit: "Callback with an expired state was ignored",
  },
  "state-replayed": {
    title: "This response was already used",
    body: "Each consent attempt can be completed only once, and this one was already processed. Nothing changed. Open the link from your MSSP again if you need to.",
    audit: "A used consent state was replayed and ignored",
  },
  "state-superseded": {
    title: "A newer attempt replaced this one",
    body: "The consent was started again (in another tab or window, or by pressing the button again), and only the newest attempt can finish. Nothing changed here. Continue in the newest window, or open the link from your MSSP again.",
    audit: "A superseded consent attempt came back and was ignored",
  },
  "admin-role-required": {
    title: "An administrator role is needed",
    body: "You signed in with an account of the right organization, but it does not hold the Global Administrator or Privileged Role Administrator role, which Microsoft requires to grant consent to application permissions. Nothing was set up. Ask a Global Administrator or Privileged Role Administrator to open the link from your MSSP.",
    audit: "The signed-in user holds neither Global Administrator nor Privileged Role Administrator",
  },
  "wrong-tenant": {
    title: "That account belongs to another organization",
    body: "The account you signed in with is not from the organization your MSSP invited, so nothing was set up. Open the link again and sign in with an administrator account of that organization.",
    audit: "The admin signed in from a tenant other than the customer's",
  },
  "sign-in-failed": {
    title: "The sign-in could not be confirmed",
    body: "Gatehouse could not confirm your sign-in with Microsoft, so nothing was set up. Open the link from your MSSP again; if it keeps failing, tell your MSSP.",
    audit: "The admin's sign-in could not be verified (code redemption or ID token check failed)",
  },
  "browser-mismatch": {
    title: "Please finish in the browser where you started",
    body: "This step must finish in the same browser window that opened the consent link, and this browser did not start it. Nothing changed. Open the link from your MSSP again in this browser.",
    audit: "A sign-in answer arrived in a browser that did not start the attempt",
  },
  "mssp-tenant": {
    title: "This tenant is an MSSP's own tenant",
    body: "The organization you signed in for runs a Gatehouse workspace itself, and an MSSP's own tenant cannot be onboarded as a customer, so nothing was recorded. Tell your MSSP.",
    audit: "The tenant is the MSSP tenant of a workspace of this deployment",
  },
  "invite-expired": {
    title: "This consent link has expired",
    body: "Ask your MSSP for a new link. Nothing was changed.",
    audit: "Consent arrived for an expired link",
  },
  "invite-used": {
    title: "This consent link was already used",
    body: "Consent was already recorded with this link. Nothing else is needed; ask your MSSP if you are unsure.",
    audit: "Consent arrived for a link that was already used",
  },
  "invite-revoked": {
    title: "This consent link was withdrawn",
    body: "Your MSSP withdrew this link. Ask them for a new one. Nothing was changed.",
    audit: "Consent arrived for a revoked link",
  },
  "not-granted": {
    title: "Microsoft does not show the consent yet",
    body: "Gatehouse could not confirm the consent with Microsoft, so nothing was recorded. Consent can take a minute to take effect: try the link again shortly.",
    audit: "No app token could be obtained for the tenant: consent missing or not yet effective",
  },
  "tenant-mismatch": {
    title: "The tenant does not match",
    body: "Microsoft answered for a different tenant than the one your MSSP onboarded, so nothing was recorded. Make sure you sign in with an admin account of the right organization.",
    audit: "The proven tenant differs from the claimed or recorded tenant",
  },
  "domain-not-verified": {
    title: "This tenant does not own the domain",
    body: "The tenant you consented from does not have the domain your MSSP registered as a verified domain, so nothing was recorded. Sign in with an admin of the organization that owns the domain, or ask your MSSP to correct it.",
    audit: "The consenting tenant has not verified the customer's primary domain",
  },
  "tenant-already-onboarded": {
    title: "This tenant is already onboarded",
    body: "Your MSSP already manages this tenant under another customer record, so nothing was recorded. Tell your MSSP.",
    audit: "The tenant already belongs to another customer of this workspace",
  },
  "tenant-in-another-workspace": {
    title: "This tenant is already connected to another organization",
    body: "Your tenant is already onboarded by another organization that uses this Gatehouse, and one tenant cannot be shared between them here, so nothing was recorded. Tell your MSSP.",
    audit: "The tenant is already onboarded by another workspace of this deployment",
  },
  "not-configured": {
    title: "Gatehouse is not fully configured",
    body: "The MSSP's Gatehouse cannot start a consent yet. Tell your MSSP; nothing was changed.",
    audit: "Consent could not start: the app registration is not configured",
  },
} as const;

export type ConsentOutcome = keyof typeof CONSENT_OUTCOMES;

export function isConsentOutcome(value: unknown): value is ConsentOutcome {
  return typeof value === "string" && Object.hasOwn(CONSENT_OUTCOMES, value);
}

// AADSTS90094 / AADSTS90008: the signed-in user may not grant tenant-wide (admin) consent.
const ADMIN_REQUIRED = /AADSTS(90094|90008)\b/;

/** Microsoft's `error` parameter: the admin saying no is not a fault. */
export function outcomeForMicrosoftError(error: string, description = ""): ConsentOutcome {
  if (ADMIN_REQUIRED.test(description)) return "admin-required";
  return error === "access_denied" || error === "consent_required" || error === "permission_denied"
    ? "denied"
    : "microsoft-error";
}
