// One eight-hour shift's worth of station records around [T0, T0 + 8 h], with
// things just outside the shift that a correct summary must leave out.
import type { Database } from '../../db/database';
import {
  addHistory,
  insertCamera,
  insertGap,
  insertIncident,
  insertOutage,
  insertRecordingEvent,
} from './duty-fixtures';

export const M = 60_000;
export const H = 60 * M;
/** 07:00 on 10/03/2026 at the station (UTC+7). */
export const T0 = Date.UTC(2026, 2, 10, 0, 0);
export const SHIFT_END = T0 + 8 * H;

export const THEFT_DESCRIPTION = 'Đối tượng trộm cắp xe máy Honda Wave trước cổng chợ, đã bỏ chạy';

/** Writes the records; `officerId` is who created the incidents (it must exist). */
export async function scriptShiftRecords(db: Database, officerId: string): Promise<void> {
  await insertCamera(db, 'cam-1', 'Cổng trụ sở');
  await insertCamera(db, 'cam-2', 'Ngã tư Lê Lợi');

  // Outages: one before the shift (left out), one across its start (clipped to 15 min),
  // one inside it on both streams (merged: 1 h 5 min), one still open (3 h).
  await insertOutage(db, 'cam-1', 'main', T0 - 2 * H, T0 - H);
  await insertOutage(db, 'cam-2', 'main', T0 - 30 * M, T0 + 15 * M);
  await insertOutage(db, 'cam-1', 'main', T0 + H, T0 + H + 65 * M);
  await insertOutage(db, 'cam-1', 'sub', T0 + H + 10 * M, T0 + H + 30 * M);
  await insertOutage(db, 'cam-2', 'sub', T0 + 5 * H, null);

  // Gaps: one closed in the shift, one of a camera since removed, still open (1 h).
  await insertGap(db, 'cam-1', T0 + H, T0 + H + 65 * M, 'camera_offline');
  await insertGap(db, 'cam-9', T0 + 7 * H, null, 'disk_error');
  await insertGap(db, 'cam-2', T0 - 3 * H, T0 - 2 * H, 'app_not_running');

  // Incidents.
  const base = { createdBy: officerId, location: 'Chợ Bến Thành', severity: 'medium' as const };
  await insertIncident(db, {
    ...base,
    id: 'inc-0',
    code: '2026-0010',
    category: 'suspicious',
    status: 'new',
    description: 'Xe tải đỗ lâu trước ngõ 12',
    createdAt: T0 - 10 * H,
    cameras: [['cam-2', 'Ngã tư Lê Lợi']],
  });
  await insertIncident(db, {
    ...base,
    id: 'inc-1',
    code: '2026-0011',
    category: 'fighting',
    status: 'new',
    description: 'Hai nhóm thanh niên xô xát',
    createdAt: T0 - 3 * H,
    cameras: [['cam-1', 'Cổng trụ sở']],
  });
  await addHistory(db, 'inc-1', T0 + 2 * H, officerId, 'updated', 'in_progress');
  await insertIncident(db, {
    ...base,
    id: 'inc-2',
    code: '2026-0012',
    category: 'theft',
    severity: 'high',
    status: 'new',
    description: THEFT_DESCRIPTION,
    createdAt: T0 + 3 * H,
    cameras: [
      ['cam-2', 'Ngã tư Lê Lợi'],
      ['cam-1', 'Cổng trụ sở'],
    ],
  });
  await insertIncident(db, {
    ...base,
    id: 'inc-3',
    code: '2026-0013',
    category: 'traffic_accident',
    status: 'new',
    description: 'Va chạm giữa xe máy và ô tô',
    createdAt: T0 + 4 * H,
    cameras: [['cam-2', 'Ngã tư Lê Lợi']],
  });
  await addHistory(db, 'inc-3', T0 + 6 * H, officerId, 'updated', 'closed');
  await insertIncident(db, {
    ...base,
    id: 'inc-4',
    code: '2026-0009',
    category: 'other',
    status: 'closed',
    description: 'Đã xử lý từ ca trước',
    createdAt: T0 - 20 * H,
    cameras: [['cam-1', 'Cổng trụ sở']],
  });

  // Storage: an alarm before the shift (left out), one raised and cleared in it.
  await insertRecordingEvent(db, T0 - H, 'disk_alarm', { kind: 'write_failed', code: 'EIO' });
  await insertRecordingEvent(db, T0 + 6 * H, 'disk_alarm', { kind: 'disk_full', code: 'ENOSPC' });
  await insertRecordingEvent(db, T0 + 6 * H + 30 * M, 'disk_ok', { kind: 'disk_full' });
}
