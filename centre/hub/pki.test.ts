// Spawns openssl: listed in INTEGRATION_TESTS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpensslMissing, ensureCentrePki, findOpenssl, hubSubjectNames } from './pki';

describe('centre PKI', () => {
  it('issues a CA and a hub certificate for the given hosts, keys 0600', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centre-pki-'));
    const files = await ensureCentrePki(dir, ['hub.quan1.local', '10.1.2.3']);
    expect(statSync(files.caKey).mode & 0o777).toBe(0o600);
    expect(statSync(files.hubKey).mode & 0o777).toBe(0o600);
    const text = execFileSync('openssl', ['x509', '-in', files.hubCert, '-noout', '-text'], {
      encoding: 'utf8',
    });
    for (const name of [
      'DNS:hub.quan1.local',
      'IP Address:10.1.2.3',
      'IP Address:127.0.0.1',
      'DNS:localhost',
    ]) {
      expect(text).toContain(name);
    }
    // The hub certificate verifies against the CA.
    expect(
      execFileSync('openssl', ['verify', '-CAfile', files.caCert, files.hubCert], {
        encoding: 'utf8',
      }),
    ).toContain('OK');

    // Same hosts: nothing re-issued; a new host: a new hub certificate under the same CA.
    const ca = readFileSync(files.caCert, 'utf8');
    const hub = readFileSync(files.hubCert, 'utf8');
    await ensureCentrePki(dir, ['10.1.2.3', 'hub.quan1.local']);
    expect(readFileSync(files.hubCert, 'utf8')).toBe(hub);
    await ensureCentrePki(dir, ['10.1.2.4']);
    expect(readFileSync(files.caCert, 'utf8')).toBe(ca);
    expect(readFileSync(files.hubCert, 'utf8')).not.toBe(hub);
  });

  it('names the Debian package when openssl is missing, refuses config syntax in a host', () => {
    expect(() => findOpenssl({ PATH: '/nonexistent' })).toThrow(OpensslMissing);
    expect(() => findOpenssl({ PATH: '/nonexistent' })).toThrow(/apt-get install openssl/);
    expect(() => hubSubjectNames(['a,DNS:evil'])).toThrow();
  });
});
