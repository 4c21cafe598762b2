import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it.each([
    // no trusted proxy: the TCP peer, whatever the client claims
    [undefined, "203.0.113.9", 0, "203.0.113.9"],
    ["1.2.3.4", "203.0.113.9", 0, "203.0.113.9"],
    ["1.2.3.4, 5.6.7.8", "::ffff:203.0.113.9", 0, "203.0.113.9"],
    // one proxy: it appended the real client; anything left of that is the client's own claim
    ["198.51.100.7", "10.0.0.2", 1, "198.51.100.7"],
    ["6.6.6.6, 198.51.100.7", "10.0.0.2", 1, "198.51.100.7"],
    [["6.6.6.6", "198.51.100.7"], "10.0.0.2", 1, "198.51.100.7"],
    // two proxies
    ["6.6.6.6, 198.51.100.7, 10.0.0.3", "10.0.0.2", 2, "198.51.100.7"],
    // a request that bypassed the proxy: the chain is too short, the left-most is the best known
    [undefined, "10.0.0.2", 1, "10.0.0.2"],
    // IPv6 and junk
    ["2001:DB8::1", "10.0.0.2", 1, "2001:db8::1"],
    ["<script>", "10.0.0.2", 1, "invalid"],
    [undefined, undefined, 0, "unknown"],
  ])("X-Forwarded-For %j, peer %s, %i trusted → %s", (forwarded, peer, hops, expected) => {
    expect(clientAddress(forwarded, peer, hops)).toBe(expected);
  });
});

describe("rateLimitAddressKey", () => {
  it("keeps IPv4 and unknown addresses, and counts IPv6 by /64 whatever the spelling", async () => {
    const { rateLimitAddressKey } = await import("./client-address");
    expect(rateLimitAddressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitAddressKey("unknown")).toBe("unknown");
    expect(rateLimitAddressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddressKey("2001:0DB8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddressKey("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitAddressKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
    expect(rateLimitAddressKey("2001:db8:1:3::1")).not.toBe(rateLimitAddressKey("2001:db8:1:2::1"));
    // Malformed input is kept (bounded by clientAddress already), never merged with a real prefix.
    expect(rateLimitAddressKey("1:2:3")).toBe("1:2:3");
    expect(rateLimitAddressKey("1::2::3")).toBe("1::2::3");
  });
});
