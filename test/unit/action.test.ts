// Button actions: one encoder and one decoder, tested round trip, in the forms Herald has
// always sent (buttons already in people's chats keep working), and nothing else accepted.
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, MAX_ACTION_BYTES, type Action } from '../../src/core/message/action.ts';

const every: Action[] = [
  { kind: 'onboard', step: 'country', value: 'IN' },
  { kind: 'onboard', step: 'country' },
  { kind: 'onboard', step: 'language', value: 'hi' },
  { kind: 'onboard', step: 'source', value: 'the-hindu' },
  { kind: 'onboard', step: 'categories', value: 'sports' },
  { kind: 'onboard', step: 'categories', value: 'done' },
  { kind: 'onboard', step: 'time', value: '07:30' },
  { kind: 'onboard', step: 'time' },
  { kind: 'country', op: 'primary', country: 'DE' },
  { kind: 'country', op: 'toggle', country: 'WORLD' },
  { kind: 'language', country: 'IN' },
  { kind: 'language', country: 'IN', change: { op: 'primary', language: 'hi' } },
  { kind: 'language', country: 'CA', change: { op: 'toggle', language: 'fr' } },
  { kind: 'source', country: 'IN', page: 2 },
  { kind: 'source', country: 'IN', page: 1, change: { op: 'primary', source: 'aajtak' } },
  { kind: 'source', country: 'US', page: 3, change: { op: 'toggle', source: 'new-york-times' } },
  { kind: 'category', category: 'all' },
  { kind: 'stop', confirm: true },
  { kind: 'stop', confirm: false },
  { kind: 'locale', locale: 'de' },
  { kind: 'sources', story: 123456789 },
  { kind: 'sources', story: 7, back: true },
];

describe('button actions', () => {
  it("decode what they encode, within Telegram's 64 bytes", () => {
    for (const action of every) {
      const data = encodeAction(action);
      expect(Buffer.byteLength(data), data).toBeLessThanOrEqual(MAX_ACTION_BYTES);
      expect(decodeAction(data)).toEqual(action);
    }
  });

  it('keep the wire forms of buttons already sent', () => {
    expect(
      ['ob:c:IN', 'ob:t:08:00', 'ob:k:done', 'cty:t:WORLD', 'lng:CA:t:fr', 'src:IN:p:aajtak:1', 'src:IN:2', 'cat:t:sports', 'stop:yes'].map((d) =>
        encodeAction(decodeAction(d)!),
      ),
    ).toEqual(['ob:c:IN', 'ob:t:08:00', 'ob:k:done', 'cty:t:WORLD', 'lng:CA:t:fr', 'src:IN:p:aajtak:1', 'src:IN:2', 'cat:t:sports', 'stop:yes']);
  });

  it('refuse anything else: unknown kinds, missing parts, extra parts, odd characters, huge input', () => {
    for (const data of [
      '',
      'x',
      'x:1',
      'cty',
      'cty:p',
      'cty:q:IN',
      'cty:p:IN:extra',
      'lng:IN:p',
      'src:IN',
      'src:IN:p:aajtak',
      'src:IN:abc',
      'cat:x:sports',
      'stop:maybe',
      'cov',
      'cov:x',
      'cov:1234567890',
      'cov:12:x',
      'cov:12:b:1',
      'ob:z:1',
      'ob:t:7am',
      'cty:p:I N',
      'cat:t:a/b',
      `cat:t:${'a'.repeat(200)}`,
    ]) {
      expect(decodeAction(data), data).toBeUndefined();
    }
  });
});
