// Sums the suites' JUnit reports into one line "N passed, N failed". Checks without a report
// (typecheck, lint, build) arrive as a count; a suite whose report is missing crashed or never
// ran, and counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const [checkFailures = "0", ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(checkFailures);
let skipped = 0;
for (const file of reports) {
  if (!existsSync(file)) {
    console.error(`no report at ${file}`);
    failed += 1;
    continue;
  }
  const root = readFileSync(file, "utf8").match(/<testsuites\b[^>]*>/)?.[0] ?? "";
  const attr = (name) => Number(root.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const bad = attr("failures") + attr("errors");
  passed += attr("tests") - bad - attr("skipped");
  failed += bad;
  skipped += attr("skipped");
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
