// Writes each project's pass/fail counts to tmp/test-results so `npm test` and `.ci/run` can
// total real results across every Nx project and both broker passes without scraping
// jest's console output.
const fs = require('node:fs');
const path = require('node:path');

class ResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = path.resolve(__dirname, '../../tmp/test-results');
    fs.mkdirSync(dir, { recursive: true });
    const project = path.basename(this.rootDir);
    const kind = process.env.TOUCHPOINT_TEST_KAFKA === 'apache-kafka' ? 'apache-kafka' : 'dev-broker';
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    fs.writeFileSync(
      path.join(dir, `${kind}-${project}-${process.pid}.json`),
      JSON.stringify({
        project,
        kind,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        // A suite that fails to load runs no test; count it so it cannot hide.
        failedSuites,
      }),
    );
  }
}

module.exports = ResultsReporter;
