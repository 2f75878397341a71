import { describe, expect, it } from 'vitest';
import type { Camera } from '../../electron/contract/schemas';
import { groupCameras } from './group-cameras';

const cam = (id: string, name: string, location: string, group: string): Camera => ({
  id,
  name,
  location,
  group,
  source: 'rtsp',
  mainUrl: 'rtsp://h/1',
  subUrl: null,
  username: null,
  hasPassword: false,
  recorderId: null,
  channel: null,
  enabled: true,
  createdAt: 0,
});

const cams = [
  cam('a', 'Ngõ 12 Hàng Bạc', 'Đầu ngõ', 'Tổ dân phố 10'),
  cam('b', 'Chợ Đồng Xuân', 'Cổng chính', 'Tổ dân phố 2'),
  cam('c', 'Trụ sở', 'Sân trước', ''),
];

describe('camera list grouping and search', () => {
  it('groups by tổ dân phố in natural order, ungrouped last', () => {
    expect(groupCameras(cams, '').map(([g]) => g)).toEqual(['Tổ dân phố 2', 'Tổ dân phố 10', '']);
  });

  it('searches without diacritics, across name, location and group', () => {
    expect(groupCameras(cams, 'ngo 12').flatMap(([, l]) => l.map((c) => c.id))).toEqual(['a']);
    expect(groupCameras(cams, 'dong xuan').flatMap(([, l]) => l.map((c) => c.id))).toEqual(['b']);
    expect(groupCameras(cams, 'san truoc').flatMap(([, l]) => l.map((c) => c.id))).toEqual(['c']);
    expect(groupCameras(cams, 'không có')).toEqual([]);
  });
});
