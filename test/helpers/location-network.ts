// A location's network, as a worker at that location reaches the portals: a TCP path on
// 127.0.0.1 that forwards to the real server, or black-holes (accepts and never answers), or
// resets every connection. Workers are pointed at it with --connect-to, so that each location
// sees the same portal through its own path and a test can break one location's path.
import net from 'node:net';

export type PathMode = 'pass' | 'blackhole' | 'reset';

export interface LocationNetwork {
  /** The port that stands for `targetPort` on this network (made on first use). */
  route(targetPort: number): Promise<number>;
  /** Every path of this network (its own network down), or only the path to one server. */
  set(mode: PathMode, targetPort?: number): void;
  close(): Promise<void>;
}

export function locationNetwork(): LocationNetwork {
  const modes = new Map<number, PathMode>();
  const servers = new Map<number, net.Server>();
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  return {
    async route(targetPort) {
      const existing = servers.get(targetPort);
      if (existing) return (existing.address() as net.AddressInfo).port;
      const server = net.createServer((client) => {
        track(client);
        const mode = modes.get(targetPort) ?? 'pass';
        if (mode === 'reset') return void client.resetAndDestroy();
        if (mode === 'blackhole') return; // accepted, never answered: the prober times out
        const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
        track(upstream);
        client.pipe(upstream).pipe(client);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
      servers.set(targetPort, server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as net.AddressInfo).port;
    },
    set(next, targetPort) {
      for (const port of targetPort === undefined ? servers.keys() : [targetPort]) modes.set(port, next);
      // A path that breaks drops what is open on it too.
      if (next !== 'pass') for (const s of sockets) s.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([...servers.values()].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}
