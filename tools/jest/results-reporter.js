// Writes each project's pass/fail counts to tmp/test-results so `.ci/run` can total
// real results across every Nx project without scraping jest's console output.
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
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    fs.writeFileSync(
      path.join(dir, `${project}-${process.pid}.json`),
      JSON.stringify({
        project,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        // A suite that fails to load runs no test; count it so it cannot hide.
        failedSuites,
      }),
    );
  }
}

module.exports = ResultsReporter;
