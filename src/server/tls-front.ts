// HTTPS and plain HTTP on one port: a TLS ClientHello starts with byte 0x16, plain HTTP with a
// method name, so the first byte says which server a connection is for. Used by the dashboard
// (plain HTTP is redirected to HTTPS) and by the sandbox portals.
import { createServer, type Server as NetServer, type Socket } from 'node:net';

interface ConnectionTaker {
  emit(event: 'connection', socket: Socket): boolean;
}

/** The listening front; `sockets` holds every open connection, so that closing can end them. */
export function tlsOrPlainFront(tlsServer: ConnectionTaker, plainServer: ConnectionTaker, sockets: Set<Socket>): NetServer {
  return createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (!first) return void socket.destroy();
      socket.unshift(first);
      (first[0] === 0x16 ? tlsServer : plainServer).emit('connection', socket);
    });
  });
}
