// Serves the Hono app over Node's HTTP server, and closes it gracefully: no new connections,
// in-flight requests finish, idle keep-alive sockets are closed at once.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface RunningServer {
  port: number;
  close(timeoutMs: number): Promise<void>;
}

/** Anything with Hono's fetch. */
export interface FetchApp {
  fetch: Parameters<typeof serve>[0]['fetch'];
}

export function startHttpServer(app: FetchApp, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      resolve({ port: info.port, close: (timeoutMs) => closeServer(server as Server, timeoutMs) });
    }) as Server;
    server.once('error', reject);
  });
}

function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
