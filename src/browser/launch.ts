// The one browser launcher: the system Chromium driven by Playwright. Playwright's own browser
// download cannot work here (no internet), so the executable is found on the machine.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';

/**
 * Debian's chromium-headless-shell first: the same Chromium build without the desktop browser's
 * window layer, which every new-headless browser context pays for whether a check looks at it or
 * not (a page kept open 2 s: 0.10 CPU s in the shell, 0.70 in new headless). What the shell does
 * differently by default, the checks make equal: other sites' frames in processes of their own
 * (--site-per-process, below) and third-party cookies refused (startRecording).
 */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The features Playwright turns off (its chromiumSwitches, playwright-core 1.65): Chromium keeps
 * only the last --disable-features it is given, so ours repeats them (HttpsUpgrades among them:
 * the http:// probe must see what the portal answers on http://). test/e2e/browser.test.ts
 * fails if Playwright's own list has one this does not.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay',
  'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch', 'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Each new-headless window (one per browser context, so one per visit and per probe) preloads its
 * address bar's suggestion popup, a WebUI page in a renderer of its own that no check ever shows:
 * about 0.3 CPU s a context (measured on a page kept open 2 s: 1.03 CPU s with it, 0.70 without).
 */
const OUR_DISABLED_FEATURES = ['WebUIOmniboxPopup'];

// Without these Chromium keeps trying to reach Google's services, which a closed network refuses.
// --headless=new chooses new headless in the full browser; the headless shell ignores it.
// --site-per-process: each site in a renderer of its own, as in the full browser, where the
// evidence sees another site's frame as a target of its own; the shell would share one renderer.
export const CHROMIUM_ARGS = [
  '--headless=new', '--site-per-process', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--metrics-recording-only', '--mute-audio',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES].join(',')}`,
];

export class BrowserNotFoundError extends Error {
  constructor() {
    super('no Chromium found. Fix: install Debian\'s "chromium-headless-shell" or "chromium" package (apt-get install chromium-headless-shell) or set CHROMIUM_PATH to the browser executable');
    this.name = 'BrowserNotFoundError';
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH "${env.CHROMIUM_PATH}" does not exist. Fix: point it at the Chromium executable, or unset it`);
    return env.CHROMIUM_PATH;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new BrowserNotFoundError();
  return found;
}

export async function launchBrowser(options: { executablePath?: string; args?: string[] } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? findChromium();
  // Running as root (CI, containers) needs the sandbox off; pages still run in Chromium's renderer.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  // Loaded on first launch: Playwright costs half a second of start-up that `--help` need not pay.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...rootArgs, ...(options.args ?? [])], headless: true });
}

/** "Chromium 156.0.8078.79 (headless shell)", recorded with each run that used the browser. */
export function browserVersion(executablePath = findChromium()): string {
  // stderr is kept from the terminal: Debian's wrapper script complains there on some machines.
  const version = execFileSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0]!;
  // The shell says only "Chromium N": the build is part of the provenance an auditor reads.
  return isHeadlessShell(executablePath) && !/headless/i.test(version) ? `${version} (headless shell)` : version;
}

function isHeadlessShell(executablePath: string): boolean {
  return basename(executablePath).includes('headless-shell') || basename(executablePath) === 'headless_shell';
}
