// `npm run bench -- startup [--runs 10]`: how long the CLI takes to start, side by side with
// `node -e 0` as the floor: `--version`, `--help`, a command's `--help`, and `summary` on a store
// filled by one month's run against the sandbox. Wall time and CPU (user + system of the process,
// read by the shell's `times`), median and worst of the runs. Targets (issue 15): --version and
// --help under 0.2 s and 0.25 s of CPU, summary under 0.5 s.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number, 1 or more (got "${values.runs}")`);
  process.exit(2);
}
const BIN = join(ROOT, 'bin/dvc-monitor.js');

/** One run through a shell whose `times` reports its child's CPU: [wall s, CPU s]. */
function timed(args: string[], env: NodeJS.ProcessEnv = process.env): [number, number] {
  const t0 = performance.now();
  const r = spawnSync('/bin/sh', ['-c', '"$@" >/dev/null 2>&1; times >&2', 'sh', ...args], { encoding: 'utf8', env });
  const wall = (performance.now() - t0) / 1000;
  const children = r.stderr.trim().split('\n').pop() ?? '';
  const cpu = children.split(/\s+/).map((t) => { const m = /^(\d+)m([\d.]+)s$/.exec(t); return m ? Number(m[1]) * 60 + Number(m[2]) : 0; }).reduce((a, b) => a + b, 0);
  return [wall, cpu];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(name: string, args: string[], env?: NodeJS.ProcessEnv): { name: string; wall: number; cpu: number; worstWall: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [w, c] = timed(args, env);
    walls.push(w);
    cpus.push(c);
  }
  return { name, wall: median(walls), cpu: median(cpus), worstWall: Math.max(...walls) };
}

spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'dvc-bench-startup-'));
const db = join(work, 'store.sqlite');
const sandbox = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/sandbox/serve.ts'), '--port', '0'], { stdio: ['ignore', 'inherit', 'pipe'] });
try {
  const url = await new Promise<string>((resolve, reject) => {
    // It says where it listens on stderr: "sandbox listening on http://127.0.0.1:PORT (…)".
    sandbox.stderr.on('data', (d) => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
      if (m) resolve(m[1]!);
    });
    sandbox.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
  });
  const env = { ...process.env, SANDBOX_URL: url, SANDBOX_PORT: new URL(url).port, IGATE_SANDBOX_CLIENT_SECRET: 'sandbox-secret' };
  const month = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 7);
  const fill = spawnSync(process.execPath, [BIN, 'run', '--period', month, '--db', db, '--log-level', 'silent'], { env, encoding: 'utf8' });
  if (fill.status !== 0 && fill.status !== 1) throw new Error(`filling the store failed (${fill.status}): ${fill.stderr.slice(-500)}`);

  console.log(`startup benchmark: ${runs} runs each, median (worst) wall and median CPU; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const rows = [
    measure('node -e 0 (the floor)', [process.execPath, '-e', '0']),
    measure('dvc-monitor --version', [process.execPath, BIN, '--version']),
    measure('dvc-monitor --help', [process.execPath, BIN, '--help']),
    measure('dvc-monitor kpi --help', [process.execPath, BIN, 'kpi', '--help']),
    measure(`dvc-monitor summary --period ${month}`, [process.execPath, BIN, 'summary', '--period', month, '--db', db], env),
    measure('dvc-monitor --version, from the sources (tsx)', [process.execPath, BIN, '--version'], { ...process.env, DVC_MONITOR_FROM_SOURCE: '1' }),
  ];
  for (const r of rows) console.log(`${r.name.padEnd(48)} ${r.wall.toFixed(3).padStart(7)} s wall (worst ${r.worstWall.toFixed(3)})  ${r.cpu.toFixed(3).padStart(6)} s CPU`);
  const floor = rows[0]!;
  console.log(`above the floor: --version +${(rows[1]!.cpu - floor.cpu).toFixed(3)} s CPU, --help +${(rows[2]!.cpu - floor.cpu).toFixed(3)} s CPU; targets: --version and --help < 0.2 s wall and < 0.25 s CPU, summary < 0.5 s`);
} finally {
  sandbox.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
