// One file out of an npm package's tarball, without installing the package: the
// ffmpeg-installer packages carry their binary in the tarball, and are os/cpu
// restricted optional packages npm would not install here anyway. `npm pack`
// checks the registry's integrity; the caller keeps what this returns as a record.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Copies `file` of package `spec` (e.g. '@ffmpeg-installer/linux-x64@4.1.0') to `dest`. */
export function npmPackFile(spec, file, dest) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'npm-pack-file-'));
  try {
    const packed = JSON.parse(
      execFileSync(npm, ['pack', spec, '--json', '--pack-destination', tmp], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        shell: process.platform === 'win32',
      }),
    )[0];
    const out = path.join(tmp, 'x');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', path.join(tmp, packed.filename), '-C', out, `package/${file}`]);
    mkdirSync(path.dirname(dest), { recursive: true });
    copyFileSync(path.join(out, 'package', file), dest);
    const bytes = readFileSync(dest);
    return {
      package: `${packed.name}@${packed.version}`,
      integrity: packed.integrity,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
