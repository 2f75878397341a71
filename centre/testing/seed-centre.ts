// A centre data folder with three registered stations and a few hours of their events,
// for the e2e page test and a demo: what the read model would hold after a morning.
import type { Database } from '../../electron/core/db/database';
import { addStation } from '../cli';
import { centrePaths } from '../hub/hub-runtime';
import { openCentreDb } from '../service/centre-db';
import { startOfStationDay } from '../service/queries';
import { ReadModel } from '../service/read-model';
import { envelope, healthData, incidentData } from './sample-events';

const MIN = 60_000;

export const SEED_STATIONS = [
  { id: 'ben-nghe', name: 'Công an phường Bến Nghé' },
  { id: 'da-kao', name: 'Công an phường Đa Kao' },
  { id: 'tan-dinh', name: 'Công an phường Tân Định' },
] as const;

export async function seedCentre(dataDir: string, now: number): Promise<void> {
  const paths = centrePaths(dataDir);
  for (const s of SEED_STATIONS) {
    await addStation(paths, { id: s.id, name: s.name, hubHost: '127.0.0.1', hubPort: 7422 });
  }
  // Today's events, never before the station's midnight (a run just after 00:00 still has them today).
  const dayStart = startOfStationDay(now);
  const at = (minutesAgo: number) => Math.max(dayStart + MIN, now - minutesAgo * MIN);
  const db = await openCentreDb(paths.db);
  try {
    const model = new ReadModel(db);
    const feed = async (station: string, events: [string, number, Record<string, unknown>][]) => {
      let seq = 0;
      for (const [kind, t, data] of events) {
        seq += 1;
        await model.apply(envelope(station, seq, kind as never, t, data));
      }
    };
    await requestRow(db, 'rq-seed-0001', 'ben-nghe', 'BN-0412', now - 50 * MIN);
    await feed('ben-nghe', [
      [
        'incident',
        at(170),
        incidentData('i1', 'BN-0410', at(170), {
          category: 'traffic_accident',
          severity: 'high',
          status: 'closed',
          location: 'Ngã tư Lê Lợi – Nam Kỳ Khởi Nghĩa',
          cameras: ['cam-03', 'cam-04'],
        }),
      ],
      [
        'incident',
        at(95),
        incidentData('i2', 'BN-0411', at(95), {
          category: 'snatching',
          severity: 'high',
          status: 'in_progress',
          location: 'Đường Đồng Khởi, trước số 42',
          cameras: ['cam-07'],
        }),
      ],
      [
        'incident',
        at(62),
        incidentData('i3', 'BN-0412', at(62), {
          category: 'theft',
          severity: 'medium',
          status: 'in_progress',
          location: 'Cổng chợ Bến Thành, cửa Nam',
          cameras: ['cam-01', 'cam-02'],
        }),
      ],
      [
        'export-decision',
        at(30),
        {
          requestId: 'rq-seed-0001',
          decision: 'approved',
          decidedAt: at(30),
          officerName: 'Thiếu tá Trần Quốc Bảo',
          reason: '',
        },
      ],
      [
        'alarm',
        at(12),
        {
          alarmId: 4,
          cameraId: 'cam-09',
          kind: 'tamper',
          source: 'picture',
          startedAt: at(12),
          endedAt: null,
        },
      ],
      [
        'incident',
        at(8),
        incidentData('i4', 'BN-0413', at(8), {
          category: 'fighting',
          severity: 'critical',
          status: 'new',
          location: 'Phố đi bộ Nguyễn Huệ',
          cameras: ['cam-05', 'cam-06'],
        }),
      ],
      [
        'health',
        now - 40_000,
        { ...healthData(16, 15, 15, 1), names: { 'cam-09': 'Hẻm 12 Tôn Thất Thiệp' } },
      ],
    ]);
    await feed('da-kao', [
      [
        'incident',
        at(140),
        incidentData('d1', 'DK-0087', at(140), {
          category: 'suspicious',
          severity: 'low',
          status: 'closed',
          location: 'Công viên Lê Văn Tám',
          cameras: ['cam-02'],
        }),
      ],
      [
        'outage',
        at(20),
        {
          outageId: 9,
          cameraId: 'cam-11',
          stream: 'main',
          startedAt: at(20),
          endedAt: null,
          errorKind: 'timeout',
        },
      ],
      // Last heard 11 minutes ago: the overview shows the link lost.
      ['health', now - 11 * MIN, healthData(12, 11, 11, 0)],
    ]);
    await feed('tan-dinh', [
      [
        'incident',
        at(75),
        incidentData('t1', 'TD-0231', at(75), {
          category: 'traffic_violation',
          severity: 'low',
          status: 'closed',
          location: 'Đường Hai Bà Trưng, gần chợ Tân Định',
          cameras: ['cam-01'],
        }),
      ],
      ['health', now - 25_000, healthData(24, 24, 24, 0)],
    ]);
  } finally {
    await db.close();
  }
}

async function requestRow(
  db: Database,
  id: string,
  station: string,
  code: string,
  at: number,
): Promise<void> {
  await db.run(
    `INSERT INTO export_requests (request_id, station, incident_code, from_ms, to_ms, camera_ids, reason,
       requested_by, requested_at, status, updated_at)
     VALUES (?, ?, ?, NULL, NULL, '["cam-01","cam-02"]', ?, ?, ?, 'sent', ?)`,
    [
      id,
      station,
      code,
      'Xác minh đối tượng trộm cắp tại chợ Bến Thành',
      'Đại úy Lê Minh Tuấn',
      at,
      at,
    ],
  );
}
