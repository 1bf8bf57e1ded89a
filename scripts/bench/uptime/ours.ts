// Our side of the uptime benchmark, in its own process: the real prober (startMonitor, the code
// behind `dvc-monitor probe`) over N generated endpoints, writing to a real SQLite store.
//   compare <target> <endpoints> <rounds> <concurrency>   every endpoint once per round, back to back
//   capacity <target> <endpoints> <seconds>                on the 60 s schedule, for that long
// Prints one JSON line with the figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../storage/db.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { createLogger } from '../../../src/log.ts';
import { startMonitor } from '../../../src/uptime/monitor.ts';

const [mode, target, endpointsArg, a, b] = process.argv.slice(2);
const endpoints = Number(endpointsArg);
const PER_PORTAL = 100;

function configText(concurrency: number): string {
  const lines = ['version: 1', 'uptime:', `  concurrency: ${concurrency}`, '  defaults: { intervalSeconds: 60, timeoutMs: 5000, confirmDelayMs: 1000 }', 'portals:'];
  for (let p = 0; p * PER_PORTAL < endpoints; p++) {
    lines.push(`  - { id: bench-${p}, agency: VN, name: Bench ${p}, url: "${target}/", probes: [`);
    for (let i = p * PER_PORTAL; i < Math.min(endpoints, (p + 1) * PER_PORTAL); i++) {
      lines.push(`      { id: e${i}, url: "${target}/e/${i}", conditions: ["[STATUS] == 200", "[BODY].status == ok"] },`);
    }
    lines.push('    ] }');
  }
  return lines.join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-uptime-'));
const db = openStore(join(dir, 'bench.sqlite'), { busyTimeoutMs: 1000 });
const log = createLogger('warn');
try {
  if (mode === 'compare') {
    const rounds = Number(a);
    const loaded = parseConfig(configText(Number(b)), 'bench.yaml', {});
    // One warm-up round (JIT, the store's first pages), then the measured rounds.
    let up = 0;
    let probes = 0;
    const once = async () => {
      const m = startMonitor({ db, loaded, log, once: true, onRound: (_n, r) => { probes++; if (r.probe.state === 'up') up++; } });
      await m.done;
      await m.stop();
    };
    await once();
    up = 0;
    probes = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) await once();
    const cpu = process.cpuUsage(cpu0);
    process.stdout.write(`${JSON.stringify({ probes, up, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0 })}\n`);
  } else if (mode === 'capacity') {
    const seconds = Number(a);
    const loaded = parseConfig(configText(200), 'bench.yaml', {});
    const lateness: number[] = [];
    let up = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const monitor = startMonitor({
      db, loaded, log, housekeepingIntervalMs: 60_000,
      onRound: (_n, r) => {
        lateness.push(r.probe.latenessMs ?? 0);
        if (r.probe.state === 'up') up++;
      },
    });
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    const stats = monitor.stats();
    await monitor.stop();
    lateness.sort((x, y) => x - y);
    const q = (p: number) => lateness[Math.min(lateness.length - 1, Math.floor(p * lateness.length))] ?? null;
    process.stdout.write(`${JSON.stringify({
      probes: lateness.length, up, cpuMs: (cpu.user + cpu.system) / 1000, wallMs,
      latenessP50: q(0.5), latenessP99: q(0.99), latenessMax: lateness.at(-1) ?? null,
      skippedBusy: stats.skippedBusy, missed: stats.missed, rows: db.prepare('SELECT count(*) FROM probe').pluck().get(),
    })}\n`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
