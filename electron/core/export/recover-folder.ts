// After a crash between an export's final rename and its bookkeeping, the folder on
// the destination is complete but its row still says "running". The folder vouches
// for itself: every file listed in SHA256SUMS.txt is hashed again, and only a folder
// whose every hash matches is recorded as the complete export it is.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFile } from '../../contract/export-schemas';
import type { ExportJobResult } from './export-job';
import {
  MANIFEST_NAME,
  REPORT_HTML_NAME,
  REPORT_PDF_NAME,
  SUMS_NAME,
  type ExportManifest,
} from './export-manifest';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `<hash>  <name>` lines; null when a line is not in that form or a name leaves the folder. */
export function parseSums(text: string): { sha256: string; name: string }[] | null {
  const out: { sha256: string; name: string }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) return null;
    const name = m[2]!;
    if (name.startsWith('/') || name.split('/').includes('..')) return null;
    out.push({ sha256: m[1]!, name });
  }
  return out;
}

/**
 * The export result a finished folder proves, or null when it does not (a file missing
 * or altered, no SHA256SUMS.txt or manifest.json, the destination gone).
 */
export async function verifyExportFolder(folder: string): Promise<ExportJobResult | null> {
  try {
    const sumsPath = join(folder, SUMS_NAME);
    const sumsText = await readFile(sumsPath, 'utf8');
    const sums = parseSums(sumsText);
    if (!sums || sums.length === 0) return null;
    const manifestEntry = sums.find((s) => s.name === MANIFEST_NAME);
    if (!manifestEntry) return null;
    const manifest = JSON.parse(
      await readFile(join(folder, MANIFEST_NAME), 'utf8'),
    ) as ExportManifest;
    const listed = new Map(manifest.files.map((f) => [f.name, f]));
    const files: ExportFile[] = [];
    let bytes = (await stat(sumsPath)).size;
    for (const s of sums) {
      const path = join(folder, ...s.name.split('/'));
      if ((await sha256Of(path)) !== s.sha256) return null;
      const size = (await stat(path)).size;
      bytes += size;
      const known = listed.get(s.name);
      const kind: ExportFile['kind'] | null = known
        ? known.kind
        : s.name === MANIFEST_NAME
          ? 'manifest'
          : s.name === REPORT_HTML_NAME || s.name === REPORT_PDF_NAME
            ? 'report'
            : null;
      // A file the export never writes: this is not (only) our folder.
      if (!kind) return null;
      files.push({
        name: s.name,
        bytes: size,
        sha256: s.sha256,
        kind,
        cameraId: known?.cameraId ?? null,
      });
    }
    return {
      folderPath: folder,
      files,
      bytes,
      manifestSha256: manifestEntry.sha256,
      sumsSha256: createHash('sha256').update(sumsText).digest('hex'),
      manifest,
    };
  } catch {
    return null;
  }
}
