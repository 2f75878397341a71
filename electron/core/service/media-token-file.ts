// The media server's token, kept in the data folder so it outlives a restart of
// the service: a console page left open through a crash or a restart reconnects
// by itself with the token it already holds, without a reload. It opens no more
// than the runtime file beside it already shows (same folder, same owner-only
// mode): the contract still needs a session, and live view a signed-in one.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OWNER_ONLY_DIR, OWNER_ONLY_FILE } from '../storage/owner-only';

export const MEDIA_TOKEN_FILE_NAME = 'media-token';
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[0-9a-f]{64}$/;

/** The folder's token, created (32 random bytes, hex, mode 0600) on first use. */
export async function loadMediaToken(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: OWNER_ONLY_DIR });
  const file = join(dataDir, MEDIA_TOKEN_FILE_NAME);
  const kept = await readKept(file);
  if (kept !== null && kept !== 'bad') return kept;
  // Damaged or readable by others: a fresh one (pages open on the old one then need a reload).
  if (kept === 'bad') await rm(file, { force: true });
  const token = randomBytes(TOKEN_BYTES).toString('hex');
  // Written aside and linked into place: the file appears whole, and of two services
  // starting together one links and the other reads its token.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${token}\n`, { mode: OWNER_ONLY_FILE, flag: 'wx' });
  try {
    await link(tmp, file);
    return token;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const other = await readKept(file);
    if (other === null || other === 'bad') throw new Error(`${file} could not be created`);
    return other;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The kept token, null when there is none, 'bad' when it must be replaced. */
async function readKept(file: string): Promise<string | 'bad' | null> {
  let text: string;
  try {
    if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) return 'bad';
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const token = text.trim();
  return TOKEN_SHAPE.test(token) ? token : 'bad';
}
