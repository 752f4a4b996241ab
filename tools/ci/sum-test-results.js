// Totals the per-project results that tools/jest/results-reporter.js wrote and prints the
// one closing line CI reads: "N passed, N failed". A suite that failed to load counts as a
// failure, and finding no results at all is a failure too, so nothing can pass by silence.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(__dirname, '../../tmp/test-results');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
for (const file of files) {
  const result = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  passed += result.passed;
  // A suite that could not run (syntax error, failing hook) has no failed test to count.
  failed += result.failed + (result.failed === 0 ? result.failedSuites : 0);
}
if (files.length === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
