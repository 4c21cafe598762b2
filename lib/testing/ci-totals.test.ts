// .ci/totals.mjs is what CI trusts for its final line; it runs here as CI runs it.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "..", "..", ".ci", "totals.mjs");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gatehouse-totals-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function totals(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout: stdout.trim(), stderr }));
  });
}

async function report(name: string, xml: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, xml);
  return file;
}

// As Vitest writes it: `skipped` only on each <testsuite>, never on <testsuites>.
const BEFORE_ALL_FAILED = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="6" failures="1" errors="0" time="1.2">
    <testsuite name="a.test.ts" timestamp="2026-12-01T05:00:00.000Z" hostname="h" tests="5" failures="0" errors="0" skipped="5" time="0">
    </testsuite>
    <testsuite name="b.test.ts" timestamp="2026-12-01T05:00:00.000Z" hostname="h" tests="1" failures="1" errors="0" skipped="0" time="0.1">
    </testsuite>
</testsuites>`;
const GREEN = `<testsuites name="vitest tests" tests="3" failures="0" errors="0" time="1">
<testsuite name="c.test.ts" tests="2" failures="0" errors="0" skipped="0" time="1"></testsuite>
<testsuite name="d.test.ts" tests="1" failures="0" errors="1" skipped="0" time="1"></testsuite>
</testsuites>`;

describe(".ci/totals.mjs", () => {
  it("sums each <testsuite> and prints skipped tests apart, never as passed", async () => {
    const file = await report("before-all.xml", BEFORE_ALL_FAILED);
    expect(await totals("0", `${file}:1`)).toMatchObject({ code: 1, stdout: "0 passed, 1 failed, 5 skipped" });
  });

  it("adds checks without a report and counts errors as failures across reports", async () => {
    const a = await report("a.xml", GREEN);
    const b = await report("b.xml", GREEN.replace('errors="1"', 'errors="0"'));
    expect(await totals("2", `${a}:1`, `${b}:0`)).toMatchObject({ code: 1, stdout: "5 passed, 3 failed, 0 skipped" });
    expect(await totals("0", `${b}:0`)).toMatchObject({ code: 0, stdout: "3 passed, 0 failed, 0 skipped" });
  });

  it("fails on the command's own exit status when its report shows no failure", async () => {
    const green = await report("green.xml", GREEN.replace('errors="1"', 'errors="0"'));
    const result = await totals("0", `${green}:1`);
    expect(result).toMatchObject({ code: 1, stdout: "3 passed, 1 failed, 0 skipped" });
    expect(result.stderr).toContain("exited with status 1 although no test failed");
  });

  it("counts a missing report as one failure", async () => {
    const result = await totals("0", `${path.join(dir, "absent.xml")}:0`);
    expect(result).toMatchObject({ code: 1, stdout: "0 passed, 1 failed, 0 skipped" });
    expect(result.stderr).toContain("no report at");
  });
});
