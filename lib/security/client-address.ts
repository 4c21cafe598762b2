// Pure: which address a request comes from, for rate limits and the audit trail.
//
// X-Forwarded-For is a list anyone can start: a client may send "1.2.3.4" itself, and each proxy
// appends the peer it saw. Only the entries added by proxies we run can be believed, so with N
// trusted proxies in front of the portal the client is the Nth entry from the right of
// [...X-Forwarded-For, TCP peer]. With none (the default), the TCP peer is the client and a
// client-sent X-Forwarded-For is ignored. Too short a chain means a request that bypassed the
// proxies: the left-most entry present is the best we know, and it is never the attacker's pick
// beyond what the chain itself holds.

/** The client address, or "unknown" when the server saw no peer (never the case over TCP). */
export function clientAddress(forwardedFor: string | string[] | undefined, peer: string | undefined, trustedHops: number): string {
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = trustedHops > 0 ? [...listed, ...(peer ? [peer] : [])] : peer ? [peer] : [];
  const index = Math.max(chain.length - 1 - trustedHops, 0);
  return normalise(chain[index]);
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client; anything unparsable is bounded. */
function normalise(address: string | undefined): string {
  if (!address) return "unknown";
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").toLowerCase();
  return /^[0-9a-f:.]{2,45}$/.test(plain) ? plain : "invalid";
}
