// Starts the sandbox from the command line and prints its URL, so the demo or a test can run it
// as a child process and drive faults over HTTP (POST /__sandbox/faults).
//   npx tsx scripts/sandbox/serve.ts [--seed 2026] [--port 0] [--now 2026-10-15T09:00:00+07:00]
// The first stdout line is the URL alone; everything else goes to stderr.
import { parseArgs } from 'node:util';
import { startSandbox } from './server.ts';

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    port: { type: 'string' },
    now: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write('usage: serve.ts [--seed N] [--port N] [--now ISO-8601 instant]\n');
  process.exit(0);
}

const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed must be an integer, got "${values.seed}"`);
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) fail(`--port must be 0..65535, got "${values.port}"`);
const now = values.now === undefined ? undefined : new Date(values.now);
if (now !== undefined && Number.isNaN(now.getTime())) fail(`--now must be an ISO-8601 instant, got "${values.now}"`);

const sandbox = await startSandbox({ seed, port, now });
process.stdout.write(`${sandbox.url}\n`);
process.stderr.write(`sandbox listening on ${sandbox.url} (seed ${sandbox.seed}, now ${sandbox.now.toISOString()}); Ctrl+C to stop\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
