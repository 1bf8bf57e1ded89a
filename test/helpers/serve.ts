import { startCli } from './cli.ts';

/** `dvc-monitor serve --port 0 …` as a real process; resolves with its address once it listens. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ serve: ReturnType<typeof startCli>; base: string }> {
  const serve = startCli(['serve', '--port', '0', '--log-level', 'silent', ...args], env);
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/(https?:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]!);
    });
    void serve.done.then((r) => reject(new Error(`serve exited ${r.code}: ${r.stderr}`)));
  });
  return { serve, base };
}
