// Mocha's spec reporter, plus a JSON file with the pass/fail counts (GUARDLINE_TEST_COUNTS) that
// scripts/test.mjs adds up into the final "N passed, N failed" line.
const Mocha = require('mocha');
const { writeFileSync } = require('node:fs');

class GuardlineReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const out = process.env.GUARDLINE_TEST_COUNTS;
      if (out) writeFileSync(out, JSON.stringify({ passed: this.stats.passes, failed: this.stats.failures, pending: this.stats.pending }));
    });
  }
}
module.exports = GuardlineReporter;
