// Prints the plain "N passed, N failed" line CI reads, from Vitest's JSON report.
// A test file that fails before running any test (e.g. an import error) counts as one failure;
// a missing report (the run never started, e.g. the type check failed) counts as one failure.
import { readFileSync } from 'node:fs';

let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
).length;
console.log(`${report.numPassedTests ?? 0} passed, ${(report.numFailedTests ?? 0) + brokenFiles} failed`);
