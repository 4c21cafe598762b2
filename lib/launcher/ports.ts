// Port checks before anything starts: a busy or shared port gets a message that names the
// variable to change, not a stack trace from whichever child process happened to bind last.
import { createServer } from "node:net";

export interface PortClaim {
  /** The environment variable that sets the port, named in the message. */
  variable: string;
  port: number;
  /** What listens there, for the message: "the portal", "the Microsoft emulator". */
  purpose: string;
  /** False when the port may be held by our own server and is checked where that is started. */
  checkFree?: boolean;
}

export class PortError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PortError";
  }
}

/**
 * True when nothing listens on the port. Binds every address (as `next start` does), which also
 * collides with a listener on one address such as 127.0.0.1.
 */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the system hands out as free on 127.0.0.1, for a server a test or a bench starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** A free port near `from`, to suggest in the message (null when none of the next 50 is). */
export async function suggestFreePort(from: number, taken: ReadonlySet<number>, isFree = isPortFree): Promise<number | null> {
  for (let port = from + 1; port <= Math.min(from + 50, 65535); port++) {
    if (!taken.has(port) && (await isFree(port))) return port;
  }
  return null;
}

/**
 * Checks that the claims use distinct ports and that each is free; port 0 ("any free port")
 * is always fine. Throws a PortError naming the variable to change.
 */
export async function checkPorts(claims: PortClaim[], isFree = isPortFree): Promise<void> {
  const active = claims.filter((c) => c.port !== 0);
  for (const [i, claim] of active.entries()) {
    const other = active.slice(0, i).find((c) => c.port === claim.port);
    if (other) {
      throw new PortError(
        `${other.variable} and ${claim.variable} are both ${claim.port}: ${other.purpose} and ${claim.purpose} need a port each. Set ${claim.variable} to another port.`,
      );
    }
  }
  const taken = new Set(active.map((c) => c.port));
  for (const claim of active) {
    if (claim.checkFree === false || (await isFree(claim.port))) continue;
    throw await portBusyError(claim, taken, isFree);
  }
}

export async function portBusyError(claim: PortClaim, taken: ReadonlySet<number> = new Set(), isFree = isPortFree): Promise<PortError> {
  const suggestion = await suggestFreePort(claim.port, new Set([...taken, claim.port]), isFree);
  return new PortError(
    `Port ${claim.port} for ${claim.purpose} is already in use by another program. ` +
      `Set ${claim.variable} to a free port${suggestion ? `, e.g. ${claim.variable}=${suggestion}` : ""}, or stop the program using ${claim.port}.`,
  );
}
