#!/usr/bin/env bash
# The whole test suite: install what is missing, type-check, run vitest, and end with one
# plain "N passed, N failed" line that CI can read.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
# Test-only tools, from Debian's packages (never on a server by `npm run setup`: the caddy and
# prometheus packages start their servers where systemd runs): pdfinfo and pdftotext read the report's PDF
# back (tagging, outline, page numbers); promtool lints /metrics and the shipped Prometheus rules;
# caddy runs the shipped reverse-proxy configuration in front of `serve`.
apt_updated=0
test_tool() { # program, Debian package
  if command -v "$1" >/dev/null || [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then return 0; fi
  echo "dvc-monitor tests: installing $2 from Debian's packages ($1)" >&2
  if [ "$apt_updated" = 0 ]; then apt-get update -qq && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || echo "dvc-monitor tests: $2 could not be installed; the tests that need $1 will say so" >&2
}
test_tool pdfinfo poppler-utils
test_tool promtool prometheus
test_tool caddy caddy
npx tsc --noEmit -p . || { echo "typecheck: 0 passed, 1 failed"; exit 1; }
mkdir -p test-artifacts
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit $status
