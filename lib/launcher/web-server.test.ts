import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { establishClientAddress } from "./web-server";

const request = (headers: Record<string, string>, peer: string) =>
  ({ headers: { ...headers }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;

describe("establishClientAddress", () => {
  it("without a trusted proxy, replaces a client's X-Forwarded-* with the TCP peer", () => {
    const req = request({ "x-forwarded-for": "1.2.3.4", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }, "203.0.113.5");
    establishClientAddress(req, 0);
    expect(req.headers).toEqual({ "x-forwarded-for": "203.0.113.5" });
  });

  it("behind one trusted proxy, keeps the address that proxy saw and its host header", () => {
    const req = request({ "x-forwarded-for": "6.6.6.6, 198.51.100.7", "x-forwarded-host": "gatehouse.example" }, "10.0.0.2");
    establishClientAddress(req, 1);
    expect(req.headers).toEqual({ "x-forwarded-for": "198.51.100.7", "x-forwarded-host": "gatehouse.example" });
  });
});
