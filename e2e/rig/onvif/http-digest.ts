// HTTP Digest (RFC 7616, qop=auth) the way Hikvision offers it: two challenges per
// 401, MD5 (no algorithm parameter) first and SHA-256 second. Nonces expire, and a
// request with an expired or forgotten nonce gets a 401 with stale=true.
import { createHash, randomBytes } from 'node:crypto';

export type DigestVerdict = 'ok' | 'missing' | 'stale' | 'bad';

const REALM = 'IP Camera(FK-PTZ)';

function hash(algorithm: 'MD5' | 'SHA-256', text: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(text)
    .digest('hex');
}

/** key=value and key="value" pairs of a Digest header (values may hold commas). */
export function parseDigestHeader(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const rest = header.replace(/^\s*Digest\s+/i, '');
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    params.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? '');
  }
  return params;
}

export class DigestAuthority {
  private readonly nonces = new Map<string, { issuedAt: number; lastNc: number }>();

  constructor(
    private readonly user: string,
    private readonly pass: string,
    private readonly nonceTtlMs: number,
  ) {}

  /** WWW-Authenticate values for a 401: MD5 first, then SHA-256, as Hikvision sends them. */
  challenges(stale: boolean): string[] {
    const staleText = stale ? 'TRUE' : 'FALSE';
    return [
      `Digest qop="auth", realm="${REALM}", nonce="${this.issue()}", stale="${staleText}"`,
      `Digest qop="auth", realm="${REALM}", nonce="${this.issue()}", algorithm="SHA-256", stale="${staleText}"`,
    ];
  }

  /** Forgets every nonce handed out: the next request that uses one is stale. */
  expireNonces(): void {
    this.nonces.clear();
  }

  verify(header: string | undefined, method: string, uri: string): DigestVerdict {
    if (!header || !/^\s*Digest\s/i.test(header)) return 'missing';
    const p = parseDigestHeader(header);
    const algorithmParam = (p.get('algorithm') ?? 'MD5').toUpperCase();
    if (algorithmParam !== 'MD5' && algorithmParam !== 'SHA-256') return 'bad';
    const algorithm = algorithmParam;
    const nonce = p.get('nonce') ?? '';
    const entry = this.nonces.get(nonce);
    if (!entry || Date.now() - entry.issuedAt > this.nonceTtlMs) return 'stale';
    if (p.get('username') !== this.user || p.get('realm') !== REALM) return 'bad';
    if (p.get('uri') !== uri || p.get('qop') !== 'auth') return 'bad';
    const nc = Number.parseInt(p.get('nc') ?? '', 16);
    const cnonce = p.get('cnonce') ?? '';
    // A repeated nonce count is a replay.
    if (!Number.isFinite(nc) || nc <= entry.lastNc || !cnonce) return 'bad';
    const ha1 = hash(algorithm, `${this.user}:${REALM}:${this.pass}`);
    const ha2 = hash(algorithm, `${method}:${uri}`);
    const expected = hash(algorithm, `${ha1}:${nonce}:${p.get('nc')}:${cnonce}:auth:${ha2}`);
    if (p.get('response') !== expected) return 'bad';
    entry.lastNc = nc;
    return 'ok';
  }

  private issue(): string {
    // Each 401 hands out two: drop the expired ones so a long run stays small.
    if (this.nonces.size > 512) {
      for (const [n, e] of this.nonces) {
        if (Date.now() - e.issuedAt > this.nonceTtlMs) this.nonces.delete(n);
      }
    }
    const nonce = randomBytes(16).toString('hex');
    this.nonces.set(nonce, { issuedAt: Date.now(), lastNc: 0 });
    return nonce;
  }
}
