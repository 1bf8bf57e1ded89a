// CPU of process trees, sampled from /proc by a process of its own (its reading /proc is charged
// to nobody measured). Lines on stdin: "start <root pid>… -- <pid to leave out>…" begins, "stop"
// answers with the CPU seconds (user + system) the trees used since "start", as JSON.
//
// Every process ever seen in the trees counts with the highest CPU time it showed: a process that
// exits between two samples (every 100 ms) loses at most its last 100 ms. Chromium's renderers
// come and go with the pages; they are in the trees while they live, whoever reaps them.
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { processCpuSeconds } from '../fixtures/cpu.ts';

const selfCpu = (pid: number) => processCpuSeconds(pid);
const children = (pid: number): number[] => {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
};

let roots: number[] = [];
let skip = new Set<number>();
let seen = new Map<number, { start: number; max: number }>();
let timer: NodeJS.Timeout | null = null;

function sample(): void {
  const pids = [...roots];
  for (let i = 0; i < pids.length; i++) pids.push(...children(pids[i]!).filter((p) => !skip.has(p)));
  for (const pid of pids) {
    const cpu = selfCpu(pid);
    if (cpu === null) continue;
    const s = seen.get(pid);
    // A process first seen now began after "start" (it is new): all of its time counts.
    if (!s) seen.set(pid, { start: timer === null ? cpu : 0, max: cpu });
    else s.max = Math.max(s.max, cpu);
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, ...rest] = line.trim().split(' ');
  if (cmd === 'start') {
    const cut = rest.indexOf('--');
    roots = (cut < 0 ? rest : rest.slice(0, cut)).map(Number);
    skip = new Set(cut < 0 ? [] : rest.slice(cut + 1).map(Number));
    seen = new Map();
    timer = null;
    sample(); // the processes alive at the start count from their time now
    timer = setInterval(sample, 100);
  } else if (cmd === 'stop') {
    sample();
    if (timer) clearInterval(timer);
    timer = null;
    let total = 0;
    for (const s of seen.values()) total += s.max - s.start;
    process.stdout.write(`${JSON.stringify({ cpuSeconds: total, processes: seen.size })}\n`);
  }
});
