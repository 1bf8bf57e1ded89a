// A sandbox started before the file's tests and closed after them; faults are cleared after each test.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../scripts/sandbox/server.ts';

export function useSandbox(options: SandboxOptions = {}): Sandbox {
  let started: Sandbox | undefined;
  const get = () => {
    if (!started) throw new Error('the sandbox is used before beforeAll started it');
    return started;
  };
  beforeAll(async () => {
    started = await startSandbox(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  afterEach(async () => {
    if (started) await fetch(`${started.url}/__sandbox/faults`, { method: 'DELETE' });
  });
  return {
    get url() { return get().url; },
    get seed() { return get().seed; },
    get now() { return get().now; },
    get port() { return get().port; },
    close: () => get().close(),
    setFault: (route, fault) => get().setFault(route, fault),
    requestCount: (route) => get().requestCount(route),
    publicRequests: () => get().publicRequests(),
  };
}
