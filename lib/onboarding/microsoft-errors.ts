// Pure: what an error redirect from Microsoft means, in plain words. The redirect's
// `error_description` is text anyone can put in a URL, so it is never shown; only its AADSTS
// code is used, to pick one of these sentences. The raw text goes to the MSSP's audit trail.

export const KNOWN_MICROSOFT_ERRORS: Readonly<Record<string, string>> = {
  "65004": "You declined the permissions on Microsoft's consent screen.",
  "90094": "The account you signed in with cannot grant consent for the whole organization.",
  "90008": "The account you signed in with cannot grant consent for the whole organization.",
  "65001": "Microsoft needs an administrator's consent before this app can be used.",
  "50020": "The account you signed in with belongs to another organization.",
  "90002": "Microsoft could not find your organization's tenant.",
  "700016": "Microsoft does not know the Gatehouse app in your organization's cloud. Your MSSP must check its app registration.",
  "50105": "Your organization only lets assigned users use this app, and your account is not assigned.",
  "53003": "A Conditional Access policy of your organization blocked the sign-in.",
  "50076": "Your organization requires multi-factor authentication for this sign-in, and it was not completed.",
  "50079": "Your organization requires you to register for multi-factor authentication first.",
  "50057": "The account you signed in with is disabled.",
  "50053": "The account you signed in with is locked after too many failed sign-ins.",
};

/** The AADSTS number in an error description, e.g. "65004" from "AADSTS65004: …". */
export function microsoftErrorCode(description: string | undefined): string | undefined {
  const match = /AADSTS(\d{4,8})\b/.exec(description ?? "");
  return match?.[1];
}

export function knownMicrosoftError(code: string | undefined): string | undefined {
  return code && Object.hasOwn(KNOWN_MICROSOFT_ERRORS, code) ? KNOWN_MICROSOFT_ERRORS[code] : undefined;
}
