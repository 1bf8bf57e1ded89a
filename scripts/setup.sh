#!/usr/bin/env bash
# Installs what dvc-monitor needs on a fresh machine: the npm packages, a Chromium (Debian's
# package; Playwright's own browser download cannot work offline) and Debian's redis-server (the
# scale-out's queue; its tests start their own on a free port of 127.0.0.1, never a service).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "dvc-monitor: installing npm packages" >&2
  # Packages that would download a browser of their own must not try (see .puppeteerrc.cjs).
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# The shipped JavaScript (dist/): rebuilt every time, it takes a fraction of a second.
node scripts/build.mjs

find_browser() {
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  command -v google-chrome chromium 2>/dev/null | head -n 1
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ -z "$(find_browser)" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "dvc-monitor: installing Chromium from Debian's packages" >&2
    apt_install chromium
  else
    echo "dvc-monitor: no Chromium found. Install Debian's 'chromium' package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

if [ ! -x /usr/bin/redis-server ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "dvc-monitor: installing redis-server from Debian's packages (for the scale-out and its tests)" >&2
    apt_install redis-server
  else
    # Not fatal: only the scale-out (queue: in the configuration) and its tests need it; they say so.
    echo "dvc-monitor: no /usr/bin/redis-server. The scale-out and its tests need Debian's 'redis-server' package (sudo apt-get install redis-server)." >&2
  fi
fi
