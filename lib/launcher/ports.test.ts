import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkPorts, isPortFree, PortError } from "./ports";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Occupies a free port on 127.0.0.1, as another program would. */
async function occupy(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

describe("launcher port checks", () => {
  it("sees a port held on 127.0.0.1 as busy, and a released one as free", async () => {
    const port = await occupy();
    expect(await isPortFree(port)).toBe(false);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });

  it("names the variable to change when a port is busy, and suggests a free one", async () => {
    const port = await occupy();
    const attempt = checkPorts([
      { variable: "PORT", port: 0, purpose: "the portal" },
      { variable: "EMULATOR_PORT", port, purpose: "the Microsoft emulator" },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(PortError);
    await expect(attempt).rejects.toThrow(new RegExp(`^Port ${port} for the Microsoft emulator is already in use by another program\\. Set EMULATOR_PORT to a free port, e\\.g\\. EMULATOR_PORT=\\d+, or stop`));
  });

  it("refuses two settings on one port, naming both", async () => {
    await expect(
      checkPorts([
        { variable: "PORT", port: 3300, purpose: "the portal" },
        { variable: "EMULATOR_PORT", port: 3300, purpose: "the Microsoft emulator" },
      ], async () => true),
    ).rejects.toThrow("PORT and EMULATOR_PORT are both 3300: the portal and the Microsoft emulator need a port each. Set EMULATOR_PORT to another port.");
  });

  it("accepts distinct free ports, any free port (0), and a port checked later by its own server", async () => {
    const held = await occupy();
    await expect(
      checkPorts([
        { variable: "PORT", port: 0, purpose: "the portal" },
        { variable: "EMULATOR_PORT", port: 0, purpose: "the Microsoft emulator" },
        { variable: "EMBEDDED_POSTGRES_PORT", port: held, purpose: "the embedded PostgreSQL", checkFree: false },
      ]),
    ).resolves.toBeUndefined();
  });
});
