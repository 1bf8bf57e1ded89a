// The one browser launcher: the system Chromium driven by Playwright. Playwright's own browser
// download cannot work here (no internet), so the executable is found on the machine.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

// Without these Chromium keeps trying to reach Google's services, which a closed network refuses.
export const CHROMIUM_ARGS = [
  '--headless=new', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--metrics-recording-only', '--mute-audio',
];

export class BrowserNotFoundError extends Error {
  constructor() {
    super('no Chromium found. Fix: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH to the browser executable');
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

/** "Chromium 156.0.8078.79", recorded with each run that used the browser. */
export function browserVersion(executablePath = findChromium()): string {
  // stderr is kept from the terminal: Debian's wrapper script complains there on some machines.
  return execFileSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0]!;
}
