import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { parseStationDateTime } from '../../electron/contract/station-time';
import { etaText, exportFolderPath, gapsText, progressFraction, shortHash } from './export-format';

const vi = createTranslator('vi');
const en = createTranslator('en');

describe('progress', () => {
  it('is the share of work done, 0 while the total is unknown, never past 1', () => {
    expect(progressFraction({ done: 0, total: 0 })).toBe(0);
    expect(progressFraction({ done: 250, total: 1000 })).toBe(0.25);
    expect(progressFraction({ done: 1200, total: 1000 })).toBe(1);
  });
});

describe('time left', () => {
  it('estimates, then says under a minute, minutes rounded up, hours and minutes', () => {
    expect(etaText(null, vi)).toBe('Đang ước tính thời gian còn lại…');
    expect(etaText(0, vi)).toBe('Còn chưa đến 1 phút');
    expect(etaText(59, vi)).toBe('Còn chưa đến 1 phút');
    expect(etaText(60, vi)).toBe('Còn khoảng 1 phút');
    expect(etaText(61, vi)).toBe('Còn khoảng 2 phút');
    expect(etaText(119, vi)).toBe('Còn khoảng 2 phút');
    expect(etaText(3599, vi)).toBe('Còn khoảng 1 giờ 0 phút');
    expect(etaText(3600 + 25 * 60, vi)).toBe('Còn khoảng 1 giờ 25 phút');
    expect(etaText(150, en)).toBe('About 3 min left');
  });
});

describe('short hash', () => {
  it('keeps both ends of a SHA-256 and leaves short text alone', () => {
    const hex = 'AB'.repeat(4) + '0'.repeat(48) + 'cd'.repeat(4);
    expect(shortHash(hex)).toBe('abababab…cdcdcdcd');
    expect(shortHash('1234')).toBe('1234');
  });
});

describe('gaps', () => {
  const at = (text: string) => parseStationDateTime(`05/06/2025 ${text}`) ?? -1;
  it('lists up to three stretches in station time, then an ellipsis', () => {
    const gap = (a: string, b: string) => ({ startMs: at(a), endMs: at(b) });
    expect(gapsText([gap('14:05:10', '14:06:00')], 'vi')).toBe('14:05:10–14:06:00');
    const four = [
      gap('01:00:00', '01:00:30'),
      gap('02:00:00', '02:00:30'),
      gap('03:00:00', '03:00:30'),
      gap('04:00:00', '04:00:30'),
    ];
    expect(gapsText(four, 'vi')).toBe('01:00:00–01:00:30, 02:00:00–02:00:30, 03:00:00–03:00:30, …');
    expect(gapsText([], 'vi')).toBe('');
  });
});

describe('the export folder path', () => {
  it('joins with the destination’s own separator', () => {
    expect(exportFolderPath('E:\\', 'VV-2026-0001')).toBe('E:\\VV-2026-0001');
    expect(exportFolderPath('D:\\Xuat', 'VV')).toBe('D:\\Xuat\\VV');
    expect(exportFolderPath('/media/canbo/USB', 'VV')).toBe('/media/canbo/USB/VV');
    expect(exportFolderPath('/media/canbo/USB/', 'VV')).toBe('/media/canbo/USB/VV');
  });
});
