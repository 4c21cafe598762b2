// Sums the suites' JUnit reports into one line "N passed, N failed, N skipped". Checks without a
// report (typecheck, lint, build) arrive as a count of failures. Each report comes as
// `file:status`, the exit status of the command that wrote it: a suite whose report is missing
// crashed or never ran, and a suite that exited non-zero although its report shows no failure
// (a crash in setup or teardown, a reset exit code) counts as one failure each.
// Counts are read from each <testsuite>: Vitest writes `skipped` only there, not on <testsuites>,
// whose totals would count skipped tests as passed.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export function countReport(xml) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const [tag] of xml.matchAll(/<testsuite\s[^>]*>/g)) {
    const attr = (name) => Number(tag.match(new RegExp(`\\s${name}="(\\d+)"`))?.[1] ?? 0);
    const bad = attr("failures") + attr("errors");
    const skipped = attr("skipped");
    totals.passed += Math.max(0, attr("tests") - bad - skipped);
    totals.failed += bad;
    totals.skipped += skipped;
  }
  return totals;
}

export function total(checkFailures, reports, readReport) {
  const sum = { passed: 0, failed: Number(checkFailures), skipped: 0 };
  const problems = [];
  for (const report of reports) {
    const match = /^(.*?)(?::(\d+))?$/.exec(report);
    const file = match[1];
    const status = Number(match[2] ?? 0);
    const xml = readReport(file);
    if (xml === null) {
      problems.push(`no report at ${file}`);
      sum.failed += 1;
      continue;
    }
    const counts = countReport(xml);
    if (status !== 0 && counts.failed === 0) {
      problems.push(`${file}: the command exited with status ${status} although no test failed`);
      counts.failed = 1;
    }
    sum.passed += counts.passed;
    sum.failed += counts.failed;
    sum.skipped += counts.skipped;
  }
  return { ...sum, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [checkFailures = "0", ...reports] = process.argv.slice(2);
  const result = total(checkFailures, reports, (file) => (existsSync(file) ? readFileSync(file, "utf8") : null));
  for (const problem of result.problems) console.error(problem);
  console.log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  process.exit(result.failed > 0 ? 1 : 0);
}
