// The Redactor: configured secrets in any encoding, and credentials recognisable by shape.
import { describe, expect, it } from 'vitest';
import { Redactor, shapesOnly } from '../../src/core/redact.ts';

describe('Redactor', () => {
  it('replaces configured secrets, URL- and JSON-encoded too', () => {
    const r = new Redactor(['p@ss"word/1', undefined, 'short']);
    expect(r.text('a p@ss"word/1 b')).toBe('a [redacted] b');
    expect(r.text('x=p%40ss%22word%2F1')).toBe('x=[redacted]');
    expect(r.text(JSON.stringify({ v: 'p@ss"word/1' }))).toBe('{"v":"[redacted]"}');
    expect(r.text('a short word')).toBe('a short word'); // too short to search for safely
  });

  it('recognises credentials by their shape, configured or not', () => {
    expect(shapesOnly.text('request to https://api.telegram.org/bot123456:AAHsecret-token_x/sendMessage failed')).toBe(
      'request to https://api.telegram.org/bot[redacted]/sendMessage failed',
    );
    expect(shapesOnly.text('token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw here')).toBe('token [redacted] here');
    expect(shapesOnly.text('postgres://herald:s3cret@db:5432/x and redis://:pw@cache:6379')).toBe(
      'postgres://herald:[redacted]@db:5432/x and redis://:[redacted]@cache:6379',
    );
    expect(shapesOnly.text('PATCH /webhooks/900000000000000001/aW50ZXJhY3Rpb246MTIz.abc/messages/@original')).toBe(
      'PATCH /webhooks/900000000000000001/[redacted]/messages/@original',
    );
    expect(shapesOnly.text('POST /interactions/123/aW50ZXJhY3Rpb24tdG9rZW4/callback')).toBe('POST /interactions/123/[redacted]/callback');
    expect(shapesOnly.text('Authorization: Bot MTk4NjIy.abc.def and Bearer abcdefgh1234')).toBe('Authorization: Bot [redacted] and Bearer [redacted]');
    expect(shapesOnly.text('https://news.example/a?b=1 and bot 12 ok')).toBe('https://news.example/a?b=1 and bot 12 ok');
  });

  it('describes an error with its causes, redacted', () => {
    const error = new Error('fetch failed', { cause: new Error('connect ECONNREFUSED https://u:pw@host') });
    expect(new Redactor().message(error)).toBe('fetch failed: connect ECONNREFUSED https://u:[redacted]@host');
  });
});
