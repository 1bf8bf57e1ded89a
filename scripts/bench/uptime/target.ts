// The benchmark's endpoints: one HTTP server on 127.0.0.1 answering every path /e/<n> with a
// small status JSON, as a healthy portal's status endpoint would. Run as its own process so its
// CPU is nobody's probe cost. Prints its base URL on the first line of stdout.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const server = http.createServer((req, res) => {
  const body = `{"status":"ok","endpoint":"${(req.url ?? '/').slice(0, 40).replace(/[^\w/]/g, '')}"}`;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
