// A server in front of the sandbox that passes every request on and may rewrite an answer on
// its way back (cut it short, change a figure), always with a Content-Length for what it sends:
// a portal that serves wrong data with a straight face.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RewritingProxy {
  url: string;
  /** Rewrites the answer to a request path (with its query); null = pass everything as it is. */
  rewrite: ((path: string, body: Buffer) => Buffer) | null;
  close(): Promise<void>;
}

export async function rewritingProxy(upstream: string): Promise<RewritingProxy> {
  const proxy: RewritingProxy = { url: '', rewrite: null, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
        const answer = await fetch(`${upstream}${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
        let body: Buffer = Buffer.from(await answer.arrayBuffer());
        if (proxy.rewrite) body = proxy.rewrite(req.url ?? '/', body);
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream', 'content-length': body.length });
        res.end(body);
      } catch (err) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return proxy;
}
