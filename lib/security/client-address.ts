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

/**
 * The key a rate limit counts a client by. An IPv4 address is one client. An IPv6 client
 * normally holds a whole /64 (a home line, a VPS), so it could use a fresh address for every
 * request: it is counted by its /64 prefix. Anything else ("unknown", "invalid") is kept as is.
 */
export function rateLimitAddressKey(address: string): string {
  if (!address.includes(":")) return address;
  const hextets = expandIpv6(address);
  return hextets ? `${hextets.slice(0, 4).join(":")}::/64` : address;
}

/** The eight hextets of an IPv6 address (compressed, or with an IPv4 tail), or null. */
function expandIpv6(address: string): string[] | null {
  const halves = address.toLowerCase().split("::");
  if (halves.length > 2) return null;
  const parts = (half: string | undefined): string[] | null => {
    if (!half) return [];
    const out: string[] = [];
    for (const piece of half.split(":")) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(piece)) {
        const [a, b, c, d] = piece.split(".").map(Number) as [number, number, number, number];
        out.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        out.push(piece.replace(/^0+(?=.)/, ""));
      } else return null;
    }
    return out;
  };
  const head = parts(halves[0]);
  const tail = parts(halves[1]);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => "0"), ...tail];
}
