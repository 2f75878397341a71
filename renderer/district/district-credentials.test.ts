import { describe, expect, it } from 'vitest';
import { checkCredentials, hubAddress } from './district-credentials';
import { CREDENTIALS } from './district-fixtures';

describe('checkCredentials', () => {
  it('previews station, name and hub of a valid file, never the password', () => {
    const check = checkCredentials(`\n${JSON.stringify(CREDENTIALS, null, 2)}\n`);
    expect(check).toEqual({
      ok: true,
      preview: {
        stationId: 'phuong-ben-nghe',
        stationName: 'Công an phường Bến Nghé',
        hubUrl: 'tls://10.20.0.5:7422',
      },
    });
    expect(JSON.stringify(check)).not.toContain(CREDENTIALS.password);
  });

  it('names what is wrong so the commander knows what to do', () => {
    expect(checkCredentials('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(checkCredentials('stationId=abc')).toEqual({ ok: false, problem: 'not_json' });
    expect(checkCredentials(JSON.stringify({ ...CREDENTIALS, format: 'other/1' }))).toEqual({
      ok: false,
      problem: 'wrong_format',
    });
    expect(checkCredentials(JSON.stringify({ ...CREDENTIALS, stationId: 'Bến Nghé' }))).toEqual({
      ok: false,
      problem: 'station_id',
    });
    const { caPem: _dropped, ...noCa } = CREDENTIALS;
    expect(checkCredentials(JSON.stringify(noCa))).toEqual({ ok: false, problem: 'incomplete' });
    expect(checkCredentials(JSON.stringify({ ...CREDENTIALS, hubUrl: 'http://x' }))).toEqual({
      ok: false,
      problem: 'incomplete',
    });
  });

  it('refuses a text larger than the contract takes', () => {
    const big = JSON.stringify({ ...CREDENTIALS, caPem: `BEGIN CERTIFICATE${'x'.repeat(70_000)}` });
    expect(checkCredentials(big)).toEqual({ ok: false, problem: 'wrong_format' });
  });
});

describe('hubAddress', () => {
  it('shows host:port without the scheme', () => {
    expect(hubAddress('tls://10.20.0.5:7422')).toBe('10.20.0.5:7422');
  });
});
