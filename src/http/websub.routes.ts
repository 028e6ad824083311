// WebSub callback routes: the hub's verification (GET) and its pushes (POST), handed to the
// subscriber. Pushed bodies are feeds, so the size limit is the feed size limit.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { WebSubSubscriber } from '../ingest/websub/websub-subscriber.ts';

export function websubRoutes(subscriber: WebSubSubscriber, maxBytes: number): Hono {
  const app = new Hono();
  app.get('/:feedId', async (c) => {
    const answer = await subscriber.verify(c.req.param('feedId'), c.req.query());
    return c.text(answer.body, answer.status as 200);
  });
  app.post('/:feedId', bodyLimit({ maxSize: maxBytes, onError: (c) => c.text('too large', 413) }), async (c) => {
    const body = Buffer.from(await c.req.arrayBuffer());
    const answer = await subscriber.push(c.req.param('feedId'), body, c.req.header('x-hub-signature'), c.req.header('content-type'));
    return c.text(answer.body, answer.status as 202);
  });
  return app;
}
