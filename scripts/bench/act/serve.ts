// The two local servers of the ACT benchmark, both on 127.0.0.1:
// - the case server: the test data folder under /WAI/content-assets/wcag-act-rules/, as on
//   w3.org, so the cases' relative and root-absolute URLs work;
// - the sink: the browser's proxy for every host but loopback. It records what a page asked
//   for (the host of a CONNECT, the URL of a plain request) and refuses it; it never opens a
//   connection anywhere, so nothing is fetched from outside.
import { createReadStream, statSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

export const CASE_PREFIX = '/WAI/content-assets/wcag-act-rules/';
/** A blank page of ours (not a test case): what our axe run runs is measured on it. */
export const BLANK_PATH = '/act-bench/blank.html';
/** Sent by the sink with every refusal, so a browser-side record can tell a refusal from a response. */
export const BLOCKED_HEADER = 'x-act-bench-blocked';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.ogg': 'audio/ogg', '.vtt': 'text/vtt',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.otf': 'font/otf', '.pdf': 'application/pdf',
};

export interface CaseServer {
  origin: string;
  /** Paths asked for that the data does not have (the two missing mp4 files, typos in cases). */
  missing: Set<string>;
  requests: number;
  close(): Promise<void>;
}

export async function startCaseServer(dataDir: string): Promise<CaseServer> {
  const root = normalize(dataDir + sep);
  const missing = new Set<string>();
  let requests = 0;
  const server = createHttpServer((req, res) => {
    requests++;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === BLANK_PATH) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><head><title>blank</title></head><body><p>blank</p></body></html>');
      return;
    }
    const rel = path.startsWith(CASE_PREFIX) ? path.slice(CASE_PREFIX.length) : null;
    const file = rel === null ? null : normalize(join(root, rel));
    let size = -1;
    if (file && file.startsWith(root) && /^(testcases|test-assets)\//.test(rel!)) {
      try {
        const st = statSync(file);
        if (st.isFile()) size = st.size;
      } catch { /* not there */ }
    }
    if (size < 0) {
      missing.add(path);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file!).toLowerCase()] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file!).pipe(res);
  });
  await listen(server);
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    missing,
    get requests() { return requests; },
    close: () => closeServer(server),
  };
}

export interface SinkAttempt {
  /** CONNECT (https, wss) or a plain method with an absolute URL. */
  method: string;
  host: string;
  target: string;
}

export interface Sink {
  port: number;
  attempts: SinkAttempt[];
  close(): Promise<void>;
}

/** The proxy that refuses everything: one request line read, an attempt recorded, a 403 sent, the socket closed. */
export async function startSink(): Promise<Sink> {
  const attempts: SinkAttempt[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setTimeout(5000, () => socket.destroy());
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n') && head.length < 8192) return;
      const [method = '?', target = ''] = head.split('\r\n')[0]!.split(' ');
      let host = target;
      try {
        host = method === 'CONNECT' ? target.replace(/:\d+$/, '') : new URL(target).hostname;
      } catch { /* keep the raw target */ }
      attempts.push({ method, host, target: target.slice(0, 500) });
      socket.end(`HTTP/1.1 403 Forbidden\r\n${BLOCKED_HEADER}: 1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
      socket.removeAllListeners('data');
    });
  });
  await listen(server);
  return {
    port: (server.address() as AddressInfo).port,
    attempts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

/**
 * Chromium arguments that send everything but loopback to the sink, and resolve no name but
 * 127.0.0.1 (a second lock: should a request ever bypass the proxy, it cannot resolve).
 */
export function isolationArgs(sinkPort: number): string[] {
  return [
    `--proxy-server=http://127.0.0.1:${sinkPort}`,
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--disable-features=DnsOverHttps',
  ];
}

function listen(server: Server | ReturnType<typeof createNetServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function closeServer(server: Server | ReturnType<typeof createNetServer>): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
