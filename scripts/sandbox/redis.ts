// A real redis-server on a free port of 127.0.0.1, with nothing kept on disk, for the scale-out
// tests and benchmark. It can be killed (SIGKILL, as a crash) and started again on the same port, empty.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** A port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** The server process (its CPU, for the benchmark). */
  pid(): number;
  /** SIGKILL: a crash, everything in it lost. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function requireRedis(): void {
  if (spawnSync(REDIS_SERVER, ['--version']).status !== 0) {
    throw new Error(`${REDIS_SERVER} is missing: the scale-out tests need Debian's redis-server. Fix: bash scripts/setup.sh (as root) or apt-get install redis-server`);
  }
}

async function ready(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redis-server exited ${child.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => { s.end(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok && /Ready to accept connections/.test(log())) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on ${port}: ${log()}`);
}

/** Starts redis-server; `args` adds configuration (ACL users, TLS files). With `tls`, it speaks TLS only. */
export async function startRedis(args: string[] = [], options: { tls?: boolean } = {}): Promise<RedisServer> {
  requireRedis();
  const port = await freePort();
  const listen = options.tls ? ['--port', '0', '--tls-port', String(port)] : ['--port', String(port)];
  let child: ChildProcess;
  let output = '';
  const launch = async () => {
    output = '';
    child = spawn(REDIS_SERVER, [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await ready(port, child, () => output);
  };
  const exited = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  await launch();
  return {
    port,
    url: `${options.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    pid: () => child.pid!,
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    restart: launch,
    async stop() {
      child.kill('SIGTERM');
      await exited();
    },
  };
}
