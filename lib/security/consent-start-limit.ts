import "server-only";
import { headers } from "next/headers";
import { consentLimits } from "./consent-limits";
import { requestClientAddress } from "./request-address";

/**
 * For the consent start action: null when the request may proceed; when this address or this
 * link is over its limit, the consent page's path. The action redirects there, and proxy.ts
 * answers it with the 429 page and Retry-After (the page shares the same buckets).
 */
export async function consentStartLimit(token: FormDataEntryValue | null): Promise<string | null> {
  const inviteToken = typeof token === "string" ? token : "";
  const address = requestClientAddress(await headers());
  const decision = await consentLimits().check("start", { address, inviteToken });
  return decision.allowed ? null : `/consent/${encodeURIComponent(inviteToken)}`;
}
