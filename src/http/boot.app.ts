// What the HTTP server answers while Herald is still starting (waiting for its database, say):
// /healthz that the process is alive, /readyz what it waits for (503), and 503 with
// Retry-After for everything else, so that a webhook's sender retries rather than losing it.
import { Hono } from 'hono';

export function bootApp(waitingFor: () => string): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => c.json({ status: 'starting', reason: waitingFor() }, 503));
  app.all('*', (c) => {
    c.header('Retry-After', '5');
    return c.json({ error: 'Herald is starting', reason: waitingFor() }, 503);
  });
  return app;
}
