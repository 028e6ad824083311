// Serves the Hono app over Node's HTTP server, and closes it gracefully: no new connections,
// in-flight requests finish, idle keep-alive sockets are closed at once. A client that sends
// its headers or its body too slowly (slow loris) is answered 408 and cut off. The app can be
// replaced while serving: Herald listens before it has started, with an app that says so.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface RunningServer {
  port: number;
  /** Serves this app from now on. */
  use(app: FetchApp): void;
  close(timeoutMs: number): Promise<void>;
}

/** Anything with Hono's fetch. */
export interface FetchApp {
  fetch: Parameters<typeof serve>[0]['fetch'];
}

export interface ServerOptions {
  host: string;
  port: number;
  /** The whole request head must arrive within this. */
  headersTimeoutMs?: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs?: number;
}

export function startHttpServer(app: FetchApp, options: ServerOptions): Promise<RunningServer> {
  let current = app;
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 30_000, headersTimeout);
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: (request, env) => current.fetch(request, env),
        hostname: options.host,
        port: options.port,
        // Node checks these timeouts every connectionsCheckingInterval (30 s unless told).
        serverOptions: { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout / 2), keepAliveTimeout: 5000 },
      },
      (info: AddressInfo) => {
        resolve({ port: info.port, use: (next) => void (current = next), close: (timeoutMs) => closeServer(server as Server, timeoutMs) });
      },
    ) as Server;
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
