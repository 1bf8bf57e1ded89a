#!/usr/bin/env bash
# The whole test suite: install what is missing, type-check, run vitest, and end with one
# plain "N passed, N failed" line that CI can read.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
# Test-only tools: poppler's pdfinfo and pdftotext read the report's PDF back (tagging, outline, page numbers).
if ! command -v pdfinfo >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "dvc-monitor tests: installing poppler-utils from Debian's packages (pdfinfo, pdftotext)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; } || echo "dvc-monitor tests: poppler-utils could not be installed; the report PDF test will say so" >&2
fi
npx tsc --noEmit -p . || { echo "typecheck: 0 passed, 1 failed"; exit 1; }
mkdir -p test-artifacts
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit $status
