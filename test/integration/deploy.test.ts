// The deployment files (deploy/, Dockerfile) refer to what exists: systemd units that
// systemd-analyze accepts, CLI commands and options the CLI has, project files the image copies
// (everything the code reads at run time), a Caddyfile Caddy accepts and that, in front of a real
// `serve`, asks people to log in, leaves /healthz open, keeps /metrics off and lets an
// acknowledgement through with its own token; Prometheus' config and rules that promtool accepts.
// The image itself cannot be built here (no Docker daemon): its Dockerfile is checked as text.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../storage/db.ts';
import { COMMAND_NAMES } from '../../src/cli/commands/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { startDashboard } from '../../src/server/server.ts';
import { BIN } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const ROOT = join(import.meta.dirname, '../..');
const DEPLOY = join(ROOT, 'deploy');
const INSTALLED = '/opt/dvc-monitor/';
const read = (...parts: string[]) => readFileSync(join(ROOT, ...parts), 'utf8');
const UNITS = readdirSync(join(DEPLOY, 'systemd')).filter((f) => /\.(service|timer)$/.test(f));
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tool(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(name, args, { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, ...options.env } });
  if (r.error) throw new Error(`${name} is not installed (${r.error.message}). Fix: bash scripts/test.sh installs it (Debian packages: systemd, caddy, prometheus)`);
  return r;
}

/** Every dvc-monitor command line in the deployment files: [where, argv after the program]. */
function invocations(): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const unit of UNITS) {
    for (const m of read('deploy/systemd', unit).matchAll(/\/opt\/dvc-monitor\/bin\/dvc-monitor\.js((?: [a-z0-9-]+)+)/g)) out.push([unit, m[1]!.trim().split(' ')]);
  }
  const compose = read('deploy/docker/compose.yaml');
  for (const m of compose.matchAll(/command: (\[.*\])/g)) out.push(['compose.yaml', JSON.parse(m[1]!) as string[]]);
  const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'));
  out.push(['Dockerfile CMD', JSON.parse(cmd![1]!) as string[]]);
  return out;
}

describe('systemd units', () => {
  it('pass systemd-analyze verify (known keys in the right sections, executables that exist)', () => {
    const r = tool('systemd-analyze', ['verify', '--man=no', ...UNITS.map((u) => `./${u}`)], { cwd: join(DEPLOY, 'systemd') });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(UNITS.sort()).toEqual(['dvc-monitor-backup.service', 'dvc-monitor-backup.timer', 'dvc-monitor-serve.service', 'dvc-monitor.service']);
  });

  it('run start and serve as an unprivileged user, restarted on failure, with the paths the README names', () => {
    for (const unit of ['dvc-monitor.service', 'dvc-monitor-serve.service']) {
      const text = read('deploy/systemd', unit);
      expect(text, unit).toMatch(/^User=dvc-monitor$/m);
      expect(text, unit).toMatch(/^Restart=on-failure$/m);
      expect(text, unit).toMatch(/^RestartPreventExitStatus=2$/m);
      expect(text, unit).toMatch(/^Environment=DVC_MONITOR_CONFIG=\/etc\/dvc-monitor\/config\.yaml$/m);
      expect(text, unit).toMatch(/^Environment=DVC_MONITOR_DB=\/var\/lib\/dvc-monitor\/dvc-monitor\.sqlite$/m);
      expect(text, unit).toMatch(/^ReadWritePaths=\/var\/lib\/dvc-monitor$/m);
    }
    expect(read('deploy/systemd/dvc-monitor.service')).toMatch(/^ExecStart=\S+ \/opt\/dvc-monitor\/bin\/dvc-monitor\.js start /m);
    expect(read('deploy/systemd/dvc-monitor-serve.service')).toMatch(/^ExecStart=\S+ \/opt\/dvc-monitor\/bin\/dvc-monitor\.js serve --host 127\.0\.0\.1 /m);
    // Chromium needs user namespaces and V8 executable memory: the service that checks must not forbid them.
    expect(read('deploy/systemd/dvc-monitor.service')).not.toMatch(/^(RestrictNamespaces|MemoryDenyWriteExecute)=yes/m);
  });
});

describe('the command lines', () => {
  it('name commands and options the CLI has, and a program file the repository has', () => {
    const help = (args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args, '--help'], { encoding: 'utf8' });
      expect(r.status, `${args.join(' ')} --help: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    const globalHelp = help([]);
    const found = invocations();
    expect(found.length).toBeGreaterThanOrEqual(8);
    for (const [where, argv] of found) {
      const command = argv[0]!;
      expect(COMMAND_NAMES, `${where}: ${argv.join(' ')}`).toContain(command);
      const sub = argv[1] && !argv[1].startsWith('-') ? [argv[1]] : [];
      const text = help([command, ...sub]) + globalHelp;
      if (sub.length) expect(help([command]), `${where}: ${command} ${sub[0]}`).toMatch(new RegExp(`^\\s+${sub[0]}\\b`, 'm'));
      for (const option of argv.filter((a) => a.startsWith('--'))) expect(text, `${where}: ${argv.join(' ')}`).toContain(`${option} `);
    }
    const programs = new Set(UNITS.flatMap((u) => [...read('deploy/systemd', u).matchAll(/\/opt\/dvc-monitor\/(\S+\.js)/g)].map((m) => m[1]!)));
    expect([...programs]).toEqual(['bin/dvc-monitor.js']);
    expect(existsSync(join(ROOT, 'bin/dvc-monitor.js'))).toBe(true);
  });
});

describe('the Dockerfile', () => {
  const text = read('Dockerfile');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));

  it('copies what exists, and everything the code reads from the project at run time', () => {
    const copies = [...text.matchAll(/^COPY (?!--from)(.+) (\S+)$/gm)].flatMap((m) => m[1]!.split(' '));
    for (const source of copies) expect(existsSync(join(ROOT, source)), `COPY ${source}`).toBe(true);
    const runtimeCopies = [...runtime.matchAll(/^COPY (?:--from=build \/app\/)?(\S+)/gm)].map((m) => m[1]!);
    // Every projectPath('<folder>', …) in the code: its folder must be in the image.
    const read = spawnSync('grep', ['-rhoE', "projectPath\\('[^']+'", 'src', 'storage', 'collectors'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    const folders = new Set([...read.matchAll(/projectPath\('([^']+)'/g)].map((m) => m[1]!));
    expect(folders.size).toBeGreaterThan(2);
    for (const f of folders) expect(runtimeCopies, `projectPath('${f}') at run time`).toContain(f);
    expect(runtimeCopies).toEqual(expect.arrayContaining(['dist', 'node_modules', 'bin']));
  });

  it('ships a build that needs no dev package (the image prunes them): every package dist/ imports or requires is a dependency', () => {
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const dist = join(ROOT, 'dist');
    const code = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    const specifiers = [
      ...[...code.matchAll(/^import [^;]*? from "([^"]+)";$/gm)].map((m) => m[1]!),
      ...[...code.matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => m[1]!),
      ...[...code.matchAll(/\brequire\d*(?:\.resolve)?\("([^"]+)"\)/g)].map((m) => m[1]!),
    ].filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s));
    const packages = new Set(specifiers.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)));
    expect(packages.size).toBeGreaterThan(10);
    expect([...packages].filter((p) => !(p in manifest.dependencies)).sort()).toEqual([]);
    // bin/dvc-monitor.js falls back to the sources through tsx: a dependency too.
    expect(manifest.dependencies).toHaveProperty('tsx');
  });

  it('lays out a program that runs: the runtime stage\'s files alone, elsewhere, migrate a store and check a configuration', () => {
    // What the runtime stage copies into /opt/dvc-monitor, laid out in a temporary folder (node_modules linked, not copied).
    const opt = join(tempDir(), 'opt');
    for (const m of runtime.matchAll(/^COPY (?:--from=build \/app\/)?(.+) (\S+)$/gm)) {
      const [sources, target] = [m[1]!.split(' '), m[2]!];
      if (target.startsWith('/')) continue; // outside the program's folder (Chromium's wrapper settings)
      for (const source of sources) {
        const to = target.endsWith('/') ? join(opt, target, source) : join(opt, target);
        mkdirSync(dirname(to), { recursive: true });
        if (source === 'node_modules') symlinkSync(join(ROOT, 'node_modules'), to);
        else cpSync(join(ROOT, source), to, { recursive: true });
      }
    }
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(opt, 'bin/dvc-monitor.js'), ...args], { encoding: 'utf8', cwd: tempDir(), env: { ...process.env, DVC_MONITOR_FROM_SOURCE: '' } });
    const version = cli('--version');
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(read('package.json')) as { version: string }).version);
    const store = join(tempDir(), 'store.sqlite');
    const migrated = cli('db', 'migrate', '--db', store, '--lang', 'en');
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/applied 001_registry\.sql/);
    const valid = cli('config', 'validate', join(opt, 'config/vietnam.yaml'), '--lang', 'en');
    expect(valid.status, valid.stdout + valid.stderr).toBe(0);
  });

  it('installs Debian\'s chromium and runs as a user that is not root, through the shipped program', () => {
    expect(text).toMatch(/^FROM node:20-bookworm-slim AS build$/m);
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends chromium /);
    const user = [...runtime.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]!);
    expect(user).toEqual(['10001:10001']);
    expect(runtime.lastIndexOf('\nUSER ')).toBeGreaterThan(runtime.lastIndexOf('\nRUN '));
    expect(runtime).toMatch(/useradd --system --uid 10001 /);
    expect(runtime).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "node", "\/opt\/dvc-monitor\/bin\/dvc-monitor\.js"\]$/m);
    expect(runtime).toMatch(/^WORKDIR \/opt\/dvc-monitor$/m);
    expect(runtime).toMatch(/^COPY bin bin$/m);
    expect(runtime).toMatch(/^ENV [\s\S]*CHROMIUM_PATH=\/usr\/bin\/chromium/m);
  });

  it('turns Chromium\'s sandbox off only when asked, through Debian\'s wrapper', () => {
    const dropIn = join(DEPLOY, 'docker/chromium-sandbox.sh');
    const flags = (env: NodeJS.ProcessEnv) => tool('sh', ['-c', `CHROMIUM_FLAGS="--a"; . ${dropIn}; printf %s "$CHROMIUM_FLAGS"`], { env }).stdout;
    expect(flags({ DVC_MONITOR_CHROMIUM_NO_SANDBOX: '' })).toBe('--a');
    expect(flags({ DVC_MONITOR_CHROMIUM_NO_SANDBOX: '1' })).toBe('--a --no-sandbox');
    expect(text).toContain('COPY deploy/docker/chromium-sandbox.sh /etc/chromium.d/');
  });
});

describe('the reverse proxy (Caddy)', () => {
  const HASH_OF_TEST_PASS = '$2a$14$P0tQRpYqS4Kg1tX5Skb87.KMvEq/ElrrDfdrT72ZTRO.t0xsPjs0a';

  it('is a configuration Caddy accepts, with TLS on the public name', () => {
    const r = tool('caddy', ['adapt', '--config', join(DEPLOY, 'caddy/Caddyfile'), '--adapter', 'caddyfile'], { env: { DVC_MONITOR_LOGIN_HASH: HASH_OF_TEST_PASS } });
    expect(r.status, r.stderr).toBe(0);
    const config = JSON.parse(r.stdout) as { apps: { http: { servers: Record<string, { listen: string[] }> }; tls?: unknown } };
    expect(Object.values(config.apps.http.servers).flatMap((s) => s.listen)).toEqual([':443']);
  });

  it('in front of a real serve: login for people, /healthz open, /metrics refused, an acknowledgement through with its token', async () => {
    const db = openStore(join(tempDir(), 'proxy.sqlite'));
    cleanups.push(() => void db.close());
    const dashboard = await startDashboard({ db, loaded: parseConfig('version: 1\nportals: []\nserver: { allowedHosts: ["127.0.0.1"] }\n', 'c.yaml', {}), log: createLogger('silent'), token: 'ack-token', port: 0 });
    cleanups.push(() => dashboard.close());
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    // The shipped file, served over plain HTTP on the loopback (no certificate can be issued here).
    const dir = tempDir();
    const local = read('deploy/caddy/Caddyfile')
      .replace(/^\{\$DVC_MONITOR_SITE:[^}]+\} \{$/m, `http://127.0.0.1:${port} {\n\tbind 127.0.0.1`)
      .replace(/^\ttls .*$/m, '')
      .replace(/output file \/var\/log\/caddy\/dvc-monitor\.access\.log/, `output file ${join(dir, 'access.log')}`);
    expect(local).toContain(`http://127.0.0.1:${port} {`);
    writeFileSync(join(dir, 'Caddyfile'), local);
    const caddy = spawn('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, DVC_MONITOR_UPSTREAM: dashboard.url.replace('http://', ''), DVC_MONITOR_LOGIN_USER: 'giamsat', DVC_MONITOR_LOGIN_HASH: HASH_OF_TEST_PASS },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    caddy.stderr!.on('data', (d) => (log += d));
    cleanups.push(() => new Promise<void>((resolve) => {
      caddy.once('close', () => resolve());
      caddy.kill('SIGTERM');
    }));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const up = await fetch(`${base}/healthz`).then(() => true, () => false);
      if (up) break;
      if (i > 100) throw new Error(`caddy did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = `Basic ${Buffer.from('giamsat:test-pass').toString('base64')}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/api/portals`, { headers: { authorization: `Basic ${Buffer.from('giamsat:wrong').toString('base64')}` } })).status).toBe(401);
    const page = await fetch(`${base}/portals`, { headers: { authorization: login } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<!doctype html>');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', store: { ok: true } });
    expect((await fetch(`${base}/metrics`, { headers: { authorization: login } })).status).toBe(403);
    // Reaches dvc-monitor, which judges the token: wrong → 401 from it, right → 404 (no such alert).
    const wrong = await fetch(`${base}/api/alerts/7/ack`, { method: 'POST', headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('thiếu hoặc sai mã truy cập');
    const right = await fetch(`${base}/api/alerts/7/ack`, { method: 'POST', headers: { authorization: 'Bearer ack-token' } });
    expect(right.status).toBe(404);
  });
});

describe('Prometheus', () => {
  it('the scrape example and its rules pass promtool check config', () => {
    const r = tool('promtool', ['check', 'config', join(DEPLOY, 'prometheus/scrape.example.yml')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('SUCCESS: 1 rule files found');
  });
});
