// The centre's own certificate authority and the hub's TLS server certificate, made
// with the openssl CLI (no CA library in the tree). Stations trust the CA (its PEM is in
// the credentials file they load), so the leaf link is encrypted and a station cannot be
// pointed at an impostor hub. Keys stay in the centre data folder, mode 0600.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';

export class OpensslMissing extends Error {
  constructor() {
    super(
      'Không tìm thấy chương trình openssl (cần để tạo chứng thư cho trung tâm). ' +
        'Trên Debian/Ubuntu: apt-get install openssl. / openssl not found on PATH; install the Debian package "openssl".',
    );
    this.name = 'OpensslMissing';
  }
}

export interface CentrePki {
  caCert: string;
  caKey: string;
  hubCert: string;
  hubKey: string;
}

export function pkiFiles(dataDir: string): CentrePki {
  const dir = path.join(dataDir, 'pki');
  return {
    caCert: path.join(dir, 'ca.pem'),
    caKey: path.join(dir, 'ca.key'),
    hubCert: path.join(dir, 'hub.pem'),
    hubKey: path.join(dir, 'hub.key'),
  };
}

export function findOpenssl(env: NodeJS.ProcessEnv = process.env): string {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, process.platform === 'win32' ? 'openssl.exe' : 'openssl');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  throw new OpensslMissing();
}

function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: 30_000 }, (err, _stdout, stderr) =>
      err
        ? reject(new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim() || err.message}`))
        : resolve(),
    );
  });
}

/** Host names and addresses the hub answers on, always with loopback; deduplicated, sorted. */
export function hubSubjectNames(hosts: readonly string[]): string[] {
  const names = new Set(['127.0.0.1', 'localhost']);
  for (const host of hosts) {
    const h = host.trim();
    // A SAN entry must not carry config syntax: host names and IPs only.
    if (!/^[A-Za-z0-9.:-]{1,253}$/.test(h))
      throw new Error(`hub host "${host}" is not a host name or IP`);
    names.add(h);
  }
  return [...names].sort();
}

/**
 * Makes the CA when missing, and the hub's certificate when missing or when its host
 * names changed (the CA stays, so stations already holding it keep trusting the hub).
 */
export async function ensureCentrePki(
  dataDir: string,
  hubHosts: readonly string[],
  opts: { openssl?: string } = {},
): Promise<CentrePki> {
  const openssl = opts.openssl ?? findOpenssl();
  const files = pkiFiles(dataDir);
  mkdirSync(path.dirname(files.caCert), { recursive: true, mode: 0o700 });
  if (!existsSync(files.caCert) || !existsSync(files.caKey)) {
    await run(openssl, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      files.caKey,
      '-out',
      files.caCert,
      '-days',
      '3650',
      '-sha256',
      '-subj',
      '/O=Trung tam chi huy/CN=Centre CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    chmodSync(files.caKey, 0o600);
  }
  const names = hubSubjectNames(hubHosts);
  const namesFile = path.join(path.dirname(files.hubCert), 'hub-names.json');
  const previous = existsSync(namesFile) ? await readFile(namesFile, 'utf8') : '';
  if (
    !existsSync(files.hubCert) ||
    !existsSync(files.hubKey) ||
    previous !== JSON.stringify(names)
  ) {
    const csr = `${files.hubCert}.csr`;
    const ext = `${files.hubCert}.ext`;
    const san = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
    await writeFile(
      ext,
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n` +
        `extendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`,
    );
    await run(openssl, [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      files.hubKey,
      '-out',
      csr,
      '-subj',
      '/O=Trung tam chi huy/CN=hub',
    ]);
    chmodSync(files.hubKey, 0o600);
    await run(openssl, [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      files.caCert,
      '-CAkey',
      files.caKey,
      '-set_serial',
      `0x${randomBytes(12).toString('hex')}`,
      '-days',
      '825',
      '-sha256',
      '-extfile',
      ext,
      '-out',
      files.hubCert,
    ]);
    await rm(csr, { force: true });
    await rm(ext, { force: true });
    await writeFile(namesFile, JSON.stringify(names));
  }
  return files;
}
