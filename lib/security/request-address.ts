import "server-only";

/**
 * The client address of a request as lib/launcher/web-server.ts established it: that server
 * replaces X-Forwarded-For with the one address it derived (client-address.ts, TRUSTED_PROXY_HOPS)
 * before Next.js sees the request, so here it is a single, trusted value.
 */
export function requestClientAddress(headers: Pick<Headers, "get">): string {
  const value = headers.get("x-forwarded-for");
  const last = value?.split(",").pop()?.trim();
  return last && /^[0-9a-f:.]{2,45}$/i.test(last) ? last.toLowerCase() : "unknown";
}
