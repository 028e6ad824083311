// /readyz is open to anyone: the reasons it gives for a platform being down carry no secret,
// no URL and no address.
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/core/redact.ts';
import { publicConditions } from '../../src/http/platform-conditions.ts';

describe('publicConditions', () => {
  it('takes secrets, URLs and addresses out of the reasons, and leaves the rest', () => {
    const since = new Date('2026-12-01T00:00:00Z');
    const shown = publicConditions(
      {
        telegram: {
          state: 'down',
          reason: 'request to http://10.1.2.3:8081/bot123:SECRETTOKEN/getMe failed, reason: connect ECONNREFUSED 10.1.2.3:8081',
          since,
        },
        discord: { state: 'down', reason: 'connect ECONNREFUSED [fd00::5]:443 with s3cret-key', since },
        bare: { state: 'down', reason: 'connect ECONNREFUSED fd00::5:443', since },
        web: { state: 'up', since },
      },
      new Redactor(['123:SECRETTOKEN', 's3cret-key']),
    );
    expect(shown.telegram).toEqual({ state: 'down', reason: 'request to <url> failed, reason: connect ECONNREFUSED <address>', since });
    expect(shown.discord!.reason).toBe('connect ECONNREFUSED <address> with [redacted]');
    expect(shown.bare!.reason).toBe('connect ECONNREFUSED <address>');
    expect(shown.web).toEqual({ state: 'up', since });
    expect(JSON.stringify(shown)).not.toMatch(/SECRETTOKEN|s3cret|10\.1\.2\.3|fd00/);
  });
});
