#!/usr/bin/env bash
# The real-editor end-to-end tests (npm run test:e2e): setup, package the extension, run mocha.
# Prints the time of each phase. Extra arguments go to mocha (e.g. --grep smoke).
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
phase() { printf '[e2e] %s (%ss)\n' "$1" "$(( $(date +%s) - t0 ))"; }

rm -f test-results/e2e/activation.json  # written by this run's activation test only
bash scripts/e2e-setup.sh
phase "setup done"
t1=$(date +%s)
npm run --silent package
phase "package done ($(( $(date +%s) - t1 ))s)"
t2=$(date +%s)
status=0
npx mocha --config .mocharc.e2e.json "$@" || status=$?
phase "mocha done ($(( $(date +%s) - t2 ))s, exit $status)"
echo "e2e total: $(( $(date +%s) - t0 ))s"
node scripts/vsix-metrics.mjs || status=1
exit $status
