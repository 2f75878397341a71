// The demo station shown on a fresh install: nine simulated cameras (ffmpeg
// test sources with the name and a running clock burned in). Names and places
// are data, like any officer-entered camera, so they live here and not in locales.
export interface DemoCamera {
  index: number;
  name: string;
  location: string;
  group: string;
}

export const demoCameras: readonly DemoCamera[] = [
  { index: 1, name: 'Ngã tư Lê Lợi', location: 'Ngã tư Lê Lợi – Trần Hưng Đạo', group: 'TDP 1' },
  {
    index: 2,
    name: 'Cổng trường Nguyễn Du',
    location: 'Cổng trường THCS Nguyễn Du',
    group: 'TDP 1',
  },
  { index: 3, name: 'Ngõ 12 Phan Đình Phùng', location: 'Ngõ 12 Phan Đình Phùng', group: 'TDP 2' },
  {
    index: 4,
    name: 'Chợ phường',
    location: 'Cổng chính chợ phường, đường Hai Bà Trưng',
    group: 'TDP 2',
  },
  {
    index: 5,
    name: 'Ngã ba Quang Trung',
    location: 'Ngã ba Quang Trung – Lý Thường Kiệt',
    group: 'TDP 3',
  },
  {
    index: 6,
    name: 'Trụ sở Công an phường',
    location: 'Cổng trụ sở Công an phường',
    group: 'Trụ sở',
  },
  { index: 7, name: 'Hẻm 45 Nguyễn Trãi', location: 'Hẻm 45 Nguyễn Trãi', group: 'TDP 3' },
  {
    index: 8,
    name: 'Công viên Thống Nhất',
    location: 'Cổng phía Bắc công viên Thống Nhất',
    group: 'TDP 4',
  },
  {
    index: 9,
    name: 'Bến xe buýt Hàng Bông',
    location: 'Điểm dừng xe buýt số 9, phố Hàng Bông',
    group: 'TDP 4',
  },
];

export const DEMO_URL_PREFIX = 'demo://';

export function demoIndexFromUrl(url: string): number | null {
  if (!url.startsWith(DEMO_URL_PREFIX)) return null;
  const n = Number(url.slice(DEMO_URL_PREFIX.length));
  return Number.isInteger(n) && n > 0 ? n : null;
}
