import { describe, expect, it } from 'vitest';
import {
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_SEVERITY_LABELS,
} from '../../electron/contract/incident-labels';
import {
  IncidentCategory,
  IncidentSeverity,
  type IncidentChange,
} from '../../electron/contract/incident-schemas';
import { createTranslator } from '../i18n/translate';
import {
  categoryKey,
  changedCameraIds,
  describeChanges,
  formatDuration,
  incidentFieldMessage,
  severityKey,
} from './incident-labels';

const officer = { id: 'o1', fullName: 'Nguyễn Văn An', rank: 'Thượng úy', role: 'duty' as const };
const ctx = {
  t: createTranslator('vi'),
  language: 'vi' as const,
  cameraName: (id: string) => ({ c1: 'Cổng chợ', c2: 'Ngõ 12' })[id] ?? null,
};

describe('category and severity words', () => {
  it('are the contract labels the printed reports use, in both languages', () => {
    for (const language of ['vi', 'en'] as const) {
      const t = createTranslator(language);
      for (const c of IncidentCategory.options)
        expect(t(categoryKey(c))).toBe(INCIDENT_CATEGORY_LABELS[language][c]);
      for (const s of IncidentSeverity.options)
        expect(t(severityKey(s))).toBe(INCIDENT_SEVERITY_LABELS[language][s]);
    }
    expect(createTranslator('vi')('incident.category.fire')).toBe('Cháy, nổ');
  });
});

describe('incident history in words', () => {
  it('shows enum values, times and cameras as the officer knows them', () => {
    const change: IncidentChange = {
      id: 1,
      at: 0,
      officer,
      action: 'updated',
      reason: null,
      changes: [
        { field: 'severity', from: 'medium', to: 'critical' },
        { field: 'status', from: 'new', to: 'in_progress' },
        {
          field: 'endMs',
          from: Date.UTC(2026, 2, 5, 7, 31, 0),
          to: Date.UTC(2026, 2, 5, 7, 35, 0),
        },
        { field: 'cameraIds', from: ['c1'], to: ['c1', 'c9'] },
        { field: 'location', from: '', to: 'Chợ phường' },
        { field: 'locked', from: true, to: false },
        { field: 'mystery', from: { a: 1 }, to: 2 },
        { field: 'snapshots', from: null, to: '6bb58700-7432-4919-9cb8-61fa9ece90fe' },
      ],
    };
    expect(describeChanges(change, ctx)).toEqual([
      { field: 'severity', name: 'Mức độ', from: 'Trung bình', to: 'Khẩn cấp' },
      { field: 'status', name: 'Trạng thái', from: 'Mới', to: 'Đang xử lý' },
      { field: 'endMs', name: 'Kết thúc', from: '05/03/2026 14:31:00', to: '05/03/2026 14:35:00' },
      { field: 'cameraIds', name: 'Camera', from: 'Cổng chợ', to: 'Cổng chợ, Camera đã xóa' },
      { field: 'location', name: 'Địa điểm', from: '(trống)', to: 'Chợ phường' },
      { field: 'locked', name: 'Khóa dữ liệu', from: 'Có', to: 'Không' },
      { field: 'mystery', name: 'Mục khác', from: '{"a":1}', to: '2' },
      { field: 'snapshots', name: 'Ảnh chụp', from: '', to: '', summary: 'thêm 1 ảnh' },
    ]);
  });

  it('lists the cameras the history names, to ask main for removed ones', () => {
    const change = (changes: IncidentChange['changes']): IncidentChange => ({
      id: 1,
      at: 0,
      officer,
      action: 'updated',
      reason: null,
      changes,
    });
    expect(
      changedCameraIds([
        change([{ field: 'cameraIds', from: ['c1'], to: ['c1', 'c9'] }]),
        change([
          { field: 'status', from: 'new', to: 'closed' },
          { field: 'cameraIds', from: ['c9'], to: ['c2'] },
        ]),
      ]),
    ).toEqual(['c1', 'c9', 'c2']);
  });

  it('turns field issues into sentences, falling back to the shared ones', () => {
    const t = createTranslator('vi');
    expect(incidentFieldMessage('range_too_long', t)).toBe('Khoảng thời gian tối đa là 24 giờ');
    expect(incidentFieldMessage('required', t)).toBe('Không được để trống');
    expect(incidentFieldMessage('something_new', t)).toBe('Giá trị không hợp lệ');
  });
});

describe('durations', () => {
  it('leaves zero seconds out of longer spans', () => {
    const t = createTranslator('vi');
    expect(formatDuration(5 * 60_000, t)).toBe('5 phút');
    expect(formatDuration(5 * 60_000 + 7_000, t)).toBe('5 phút 7 giây');
    expect(formatDuration(2 * 3600_000, t)).toBe('2 giờ 0 phút');
    expect(formatDuration(3_723_000, t)).toBe('1 giờ 2 phút 3 giây');
    expect(formatDuration(45_000, t)).toBe('45 giây');
  });
});
