// Mocha's spec reporter plus one plain closing line ("tests: N passed, N failed, N skipped") that
// CI reads to count tests.
'use strict';
const Mocha = require('mocha');

class KijunReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const s = runner.stats;
      process.stdout.write(`tests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
    });
  }
}

module.exports = KijunReporter;
