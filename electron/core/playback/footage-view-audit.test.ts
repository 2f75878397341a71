import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { FootageViewAudit, VIEW_SPAN_MS, type FootageViewer } from './footage-view-audit';

const MIN = 60_000;
const H10 = Date.UTC(2026, 4, 1, 10, 0, 0); // 10:00 UTC, a span boundary
const at = (minutes: number) => H10 + minutes * MIN;

const lan: FootageViewer = { officerId: 'off-1', fullName: 'Lê Văn Lân', token: 'token-lan-1' };
const mai: FootageViewer = { officerId: 'off-2', fullName: 'Phạm Thị Mai', token: 'token-mai-1' };

let dir: string;
let db: Database;
let audit: AuditLog;
let live: Set<string>;
let views: FootageViewAudit;

const viewedRows = async () =>
  (await audit.list({ action: 'footage.viewed', limit: 1000 })).items.reverse().map((e) => ({
    officer: e.officerId,
    camera: e.subject,
    from: ((e.details.fromMs as number) - H10) / MIN,
    to: ((e.details.toMs as number) - H10) / MIN,
  }));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-footage-view-'));
  db = await openStationDb(dir);
  audit = new AuditLog({ db, key: randomBytes(32), headFile: join(dir, 'audit-head.json') });
  live = new Set([lan.token, mai.token]);
  views = new FootageViewAudit({ audit, sessionAlive: (t) => live.has(t) });
});
afterEach(async () => {
  await audit.dispose();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FootageViewAudit', () => {
  it('writes one row per 10-minute-aligned span, once per session and camera', async () => {
    expect(VIEW_SPAN_MS).toBe(10 * MIN);
    expect(await views.viewed(lan, 'cam-a', at(3), at(17))).toBe(1);
    expect(await views.viewed(lan, 'cam-a', at(5), at(15))).toBe(0); // inside written spans
    expect(await views.viewed(lan, 'cam-a', at(0), at(20))).toBe(0);
    expect(await views.viewed(lan, 'cam-a', at(15), at(45))).toBe(1); // extends forward
    expect(await viewedRows()).toEqual([
      { officer: 'off-1', camera: 'cam-a', from: 0, to: 20 },
      { officer: 'off-1', camera: 'cam-a', from: 20, to: 50 },
    ]);
    // The rows are part of the hash chain like any other.
    await audit.settled();
    expect((await audit.verify({ officerId: 'off-1', fullName: 'Lê Văn Lân' })).ok).toBe(true);
  });

  it('writes one row per contiguous run of spans not yet written', async () => {
    await views.viewed(lan, 'cam-a', at(0), at(20));
    await views.viewed(lan, 'cam-a', at(40), at(50));
    expect(await views.viewed(lan, 'cam-a', at(-10), at(60))).toBe(3);
    expect((await viewedRows()).slice(2)).toEqual([
      { officer: 'off-1', camera: 'cam-a', from: -10, to: 0 },
      { officer: 'off-1', camera: 'cam-a', from: 20, to: 40 },
      { officer: 'off-1', camera: 'cam-a', from: 50, to: 60 },
    ]);
  });

  it('keeps cameras, officers and sessions apart', async () => {
    await views.viewed(lan, 'cam-a', at(0), at(10));
    expect(await views.viewed(lan, 'cam-b', at(0), at(10))).toBe(1);
    expect(await views.viewed(mai, 'cam-a', at(0), at(10))).toBe(1);
    // Lân signs in again: a new session, a new row for the same footage.
    const again = { ...lan, token: 'token-lan-2' };
    live.add(again.token);
    expect(await views.viewed(again, 'cam-a', at(0), at(10))).toBe(1);
    expect((await viewedRows()).map((r) => `${r.officer}/${r.camera}`)).toEqual([
      'off-1/cam-a',
      'off-1/cam-b',
      'off-2/cam-a',
      'off-1/cam-a',
    ]);
  });

  it('forgets what an ended session viewed', async () => {
    await views.viewed(mai, 'cam-a', at(0), at(10));
    live.delete(mai.token);
    await views.viewed(lan, 'cam-a', at(0), at(10)); // any call prunes ended sessions
    live.add(mai.token); // (a token is never reused; this only shows the memory is gone)
    expect(await views.viewed(mai, 'cam-a', at(0), at(10))).toBe(1);
  });

  it('writes once when the same view arrives twice at the same time', async () => {
    const counts = await Promise.all([
      views.viewed(lan, 'cam-a', at(0), at(30)),
      views.viewed(lan, 'cam-a', at(0), at(30)),
    ]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(await viewedRows()).toHaveLength(1);
  });

  it('remembers nothing it failed to write, so the next view tries again', async () => {
    let failNext = true;
    const flaky = new FootageViewAudit({
      audit: {
        append: (input) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('disk full'));
          }
          return audit.append(input);
        },
      },
      sessionAlive: () => true,
    });
    await expect(flaky.viewed(lan, 'cam-a', at(0), at(10))).rejects.toThrow('disk full');
    expect(await flaky.viewed(lan, 'cam-a', at(0), at(10))).toBe(1);
    expect(await viewedRows()).toEqual([{ officer: 'off-1', camera: 'cam-a', from: 0, to: 10 }]);
  });
});
