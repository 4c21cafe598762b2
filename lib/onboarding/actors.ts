// Pure: who the audit trail names for customer-side consent events. Only an ID token verified
// during the flow names a person; anything before that is the link's holder or nobody.

/** Someone holding a genuine consent link (or its signed state); not a proven person. */
export const CONSENT_LINK_ACTOR = "consent-link";
/** A request whose state did not verify: it cannot claim anyone. */
export const ANONYMOUS_ACTOR = "anonymous";

/** The customer administrator proven by the ID token of this flow. */
export const customerAdminActor = (objectId: string) => `customer-admin:${objectId}`;
