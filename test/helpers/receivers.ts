// Real local receivers for notifications: an HTTP server standing in for webhooks, Slack,
// Teams and Telegram, and an SMTP server (smtp-server) standing in for the mail relay.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
}

export interface HttpReceiver {
  url: string;
  /** Every request, whatever was answered. */
  requests: ReceivedRequest[];
  /** Requests answered 2xx. */
  accepted(): ReceivedRequest[];
  /** 'ok' answers 200; 'fail' answers 503; a function decides per request. */
  answer: 'ok' | 'fail' | ((req: ReceivedRequest) => number | Promise<number>);
  /** Closes the listening socket (connections refused), keeping the port for restart(). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHttpReceiver(responseBody = '{"ok":true}'): Promise<HttpReceiver> {
  let server: Server;
  const sockets = new Set<Socket>();
  const receiver: HttpReceiver = {
    url: '', requests: [], answer: 'ok',
    accepted: () => receiver.requests.filter((r) => r.status >= 200 && r.status < 300),
    stop: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
    restart: () => listen(Number(new URL(receiver.url).port)),
    close: () => receiver.stop(),
  };
  const listen = (port: number) => new Promise<void>((resolve) => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const record: ReceivedRequest = { path: req.url ?? '', headers: req.headers, body, status: 0 };
        const a = receiver.answer;
        record.status = typeof a === 'function' ? await a(record) : a === 'ok' ? 200 : 503;
        receiver.requests.push(record);
        res.writeHead(record.status, { 'content-type': 'application/json' }).end(record.status < 300 ? responseBody : '{"error":"down"}');
      });
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.listen(port, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    });
  });
  await listen(0);
  return receiver;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  header(name: string): string | undefined;
}

export async function startSmtpReceiver(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c) => (raw += c));
      stream.on('end', () => {
        const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          header: (name) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
