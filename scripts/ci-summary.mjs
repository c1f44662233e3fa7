// Prints the plain "N passed, N failed" line CI reads, from Vitest's JSON report.
// A test file that fails without a failing test of its own (an import error, a failing hook)
// counts as one failure;
// a missing report (the run never started, e.g. the type check failed) counts as one failure.
import { readFileSync } from 'node:fs';

let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
// A file whose set-up failed (a beforeAll throwing, e.g. no browser) reports its tests as skipped,
// not failed: such a file counts as one failure too, or a red run would read as green.
const brokenFiles = (report.testResults ?? []).filter(
  (file) =>
    file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
).length;
console.log(`${report.numPassedTests ?? 0} passed, ${(report.numFailedTests ?? 0) + brokenFiles} failed`);
