// Prints the run's totals as one plain line ("tests: N passed, N failed"), the form CI reads.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suffix = skipped > 0 ? `, ${skipped} skipped` : '';
    const brokenSuites = results.numRuntimeErrorTestSuites;
    const failed = results.numFailedTests + brokenSuites;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed${suffix}\n`);
  }
}
module.exports = SummaryReporter;
