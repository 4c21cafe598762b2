import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function run(args: string[], onOutput?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", ...args], { env: { ...process.env, EMULATOR_PORT: "", EMULATOR_SEED: "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      onOutput?.(stdout, child);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run emulator", () => {
  it("exits 1 with a message naming the bad field for an invalid seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-main-"));
    const seed = join(dir, "seed.json");
    writeFileSync(seed, JSON.stringify({ tenants: [{ id: "x", displayName: "X", domains: ["x.com"] }] }));
    const result = await run(["--seed", seed, "--port", "0"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tenants[0].id: must be a GUID");
  });

  it("exits 1 naming EMULATOR_REPLICATION_LAG_MS when it is not a whole number of ms in range", async () => {
    const result = await run(["--port", "0", "--replication-lag-ms", "2s"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("EMULATOR_REPLICATION_LAG_MS must be a whole number of milliseconds between 0 and 600000, got '2s'");
  });

  it("prints its URL and the NODE_EXTRA_CA_CERTS hint, serves, and stops cleanly on SIGTERM", async () => {
    let checked: Promise<number> | undefined;
    const result = await run(["--port", "0"], (stdout, child) => {
      const match = /Emulator listening on (https:\/\/localhost:\d+)/.exec(stdout);
      if (match && stdout.includes("NODE_EXTRA_CA_CERTS=") && !checked) {
        checked = fetch(`${match[1]}/common/v2.0/.well-known/openid-configuration`).then((r) => {
          child.kill("SIGTERM");
          return r.status;
        });
      }
    });
    expect(await checked).toBe(200);
    expect(result.stdout).toMatch(/NODE_EXTRA_CA_CERTS=\/.*\/\.data\/emulator\/ca\.pem/);
    expect(result.code).toBe(0);
  });
});
