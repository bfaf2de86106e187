// Prints the final "N passed, N failed" line from vitest's JSON report (plus lint/type-check as
// one extra check), and exits non-zero when anything failed or no test ran.
import { readFileSync } from 'node:fs';

const [file, lintFailed] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} catch (err) {
  console.error(`could not read the test report: ${err.message}`);
  failed += 1;
}
if (lintFailed === '1') {
  console.error('lint or type-check failed');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
