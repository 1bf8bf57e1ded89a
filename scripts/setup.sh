#!/usr/bin/env bash
# Installs what dvc-monitor needs on a fresh machine: the npm packages, a Chromium (Debian's
# package; Playwright's own browser download cannot work offline), Debian's redis-server (the
# scale-out's queue; its tests start their own on a free port of 127.0.0.1, never a service) and
# promtool (Debian's prometheus package: the tests lint /metrics and the shipped rules with it)
# and caddy (the tests run the shipped reverse-proxy configuration in front of `serve`).
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
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium-headless-shell /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  command -v google-chrome chromium 2>/dev/null | head -n 1
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Two builds of Debian's Chromium: 'chromium' (the full browser) and 'chromium-headless-shell'
# (the same build without the desktop window layer: a sixth of the CPU a visit's browser context
# costs, see src/browser/launch.ts), which the checks use when it is there. The tests compare them.
missing_browsers=()
[ -x /usr/bin/chromium ] || missing_browsers+=(chromium)
[ -x /usr/bin/chromium-headless-shell ] || missing_browsers+=(chromium-headless-shell)
if [ "${#missing_browsers[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "dvc-monitor: installing ${missing_browsers[*]} from Debian's packages" >&2
  apt_install "${missing_browsers[@]}"
fi
if [ -z "$(find_browser)" ]; then
  echo "dvc-monitor: no Chromium found. Install Debian's 'chromium' and 'chromium-headless-shell' packages (sudo apt-get install chromium chromium-headless-shell) or set CHROMIUM_PATH." >&2
  exit 1
fi

# Not fatal when it cannot be installed: only the feature and the tests named need the program; they say so.
optional_package() { # program, Debian package, who needs it
  if [ -x "/usr/bin/$1" ] || command -v "$1" >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "dvc-monitor: installing $1 from Debian's '$2' package (for $3)" >&2
    apt_install "$2"
  else
    echo "dvc-monitor: no $1. $3 need Debian's '$2' package (sudo apt-get install $2)." >&2
  fi
}
optional_package redis-server redis-server "the scale-out and its tests"
