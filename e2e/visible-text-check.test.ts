import { describe, expect, it } from 'vitest';
import { vi as viMessages } from '../renderer/i18n/vi';
import { describeFlags, findRawText, type RawTextRule } from './visible-text-check';

function flagsOf(text: string, allow: string[] = []): [RawTextRule, string][] {
  return findRawText([{ text, where: 'audit-dialog › audit-row' }], allow).map((f) => [
    f.rule,
    f.token,
  ]);
}

describe('findRawText', () => {
  it('flags what the issue saw in the Vietnamese console', () => {
    expect(flagsOf('supervision')).toEqual([['englishWord', 'supervision']]);
    expect(flagsOf('contentHash: 9f86d081884c7d65')).toEqual([['camelCase', 'contentHash']]);
    expect(flagsOf('fromMs: 1796578200000')).toEqual([
      ['epoch', '1796578200000'],
      ['camelCase', 'fromMs'],
    ]);
    expect(flagsOf('category: theft')).toEqual([
      ['englishWord', 'category'],
      ['englishWord', 'theft'],
    ]);
    expect(flagsOf('Mục "snapshots": (trống) → 3f2b8c1e-9d4a-4e6b-8f0c-2a1d5e7b9c40')).toEqual([
      ['uuid', '3f2b8c1e-9d4a-4e6b-8f0c-2a1d5e7b9c40'],
      ['englishWord', 'snapshots'],
    ]);
    expect(flagsOf('Mã hoá: HEVC')).toEqual([['englishWord', 'HEVC']]);
    expect(flagsOf('Kết nối tốt: H264, 640×360')).toEqual([['englishWord', 'H264']]);
  });

  it('flags each identifier shape', () => {
    expect(flagsOf('Trạng thái: camera.status')).toEqual([['dotted.key', 'camera.status']]);
    expect(flagsOf('auth.sign_in_failed')).toEqual([['dotted.key', 'auth.sign_in_failed']]);
    expect(flagsOf('Lý do: camera_offline')).toEqual([['snake_case', 'camera_offline']]);
    expect(flagsOf('Lý do: unsupported_codec')).toEqual([['snake_case', 'unsupported_codec']]);
    expect(flagsOf('Ô lưới: tourIntervalSec')).toEqual([['camelCase', 'tourIntervalSec']]);
    expect(flagsOf('Camera đang idle')).toEqual([['englishWord', 'idle']]);
    expect(flagsOf('offline')).toEqual([['englishWord', 'offline']]);
    expect(flagsOf('undefined')).toEqual([['englishWord', 'undefined']]);
    expect(flagsOf('Lúc 1796578200')).toEqual([['epoch', '1796578200']]);
    expect(flagsOf('Mã xuất: d89bae4e…')).toEqual([['uuid', 'd89bae4e…']]);
    // A PDF's narrow column cuts it.
    expect(flagsOf('5332d96f-c028-4c8f-8 07/12/2026 11:28')).toEqual([
      ['uuid', '5332d96f-c028-4c8f-8'],
    ]);
    expect(flagsOf('ID 2A1D5E7B-9C40-4E6B-8F0C-3F2B8C1E9D4A')).toEqual([
      ['uuid', '2A1D5E7B-9C40-4E6B-8F0C-3F2B8C1E9D4A'],
    ]);
  });

  it('flags lowercase words no Vietnamese syllable can be', () => {
    expect(flagsOf('bytes: 527420 · folder: VV-2026-0001')).toEqual([
      ['englishWord', 'bytes'],
      ['englishWord', 'folder'],
    ]);
    expect(flagsOf('fields: trạng thái')).toEqual([['englishWord', 'fields']]);
  });

  it('passes every Vietnamese message of the console', () => {
    const samples = Object.entries(viMessages).map(([key, text]) => ({
      // Placeholders are filled by names and numbers at run time.
      text: text.replace(/\{[^}]+\}/g, 'X'),
      where: key,
    }));
    expect(samples.length).toBeGreaterThan(500);
    expect(describeFlags('vi', findRawText(samples))).toBe('');
  });

  it('finds a UUID and an epoch even inside an address or a path', () => {
    expect(flagsOf('/media/usb/3f2b8c1e-9d4a-4e6b-8f0c-2a1d5e7b9c40/a.mp4')).toEqual([
      ['uuid', '3f2b8c1e-9d4a-4e6b-8f0c-2a1d5e7b9c40'],
    ]);
    expect(flagsOf('Từ 1796578200000 đến 1796578260000')).toHaveLength(2);
  });

  it('allows proper names, codecs, units, what officers type, addresses, paths, file names and hashes', () => {
    const ok = [
      'Luồng chính H.264, 704×576, 12,5 fps',
      'Camera Dahua trả về H.265 qua RTSP; xem bằng MPEG-1 dự phòng',
      'Đầu ghi DVR/NVR Hikvision, KBVision, ONVIF',
      'Xuất ra USB: biên bản PDF, mã SHA-256',
      'Định dạng exFAT/NTFS, không phải FAT32',
      'Địa chỉ IP 192.168.1.64, cổng 554',
      'Thiếu tá Nguyễn Văn An — số hiệu 001-234',
      'Cướp giật · Mức độ cao · Mới',
      '07/12/2026 04:12:30 (UTC+7)',
      'Điện thoại 0912345678',
      'Mã vụ việc 2026-0001',
      'Dung lượng 1.234.567 MB',
      'Trộm cắp tài sản v.v. tại TP.HCM',
      'Video camera ngõ 7',
      // Addresses, paths, file names and hashes are names by nature.
      'rtsp://admin:pass@192.168.1.64:554/cam/realmonitor?channel=1&subtype=0',
      'Thư mục dữ liệu: /tmp/station-e2e-Ab3dEf/recordings',
      'D:\\TrichXuat\\camera_cong_cho',
      'Đã lưu bien_ban_ban_giao.pdf và cong_cho-20260115-090000.png',
      'Mã băm 9f86d081884c7d65a2b0c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4',
      'Mã kiểm tra 944a04a9…5d4a2cb2',
      'dòng số 19 · mã 2599ba27a52f64ab9b5885e6560d3e42a9f4315c9959274165fdb72bb4365fcf',
    ];
    for (const text of ok) expect(flagsOf(text), text).toEqual([]);
  });

  it('takes extra allowed names from the caller, but only those', () => {
    expect(flagsOf('Camera myCam ngõ 7', ['myCam'])).toEqual([]);
    expect(flagsOf('Camera myCam ngõ 7 · offline', ['myCam'])).toEqual([
      ['englishWord', 'offline'],
    ]);
    // An allowed name does not hide the same letters inside another word.
    expect(flagsOf('myCamera', ['myCam'])).toEqual([['camelCase', 'myCamera']]);
  });

  it('names the screen, the text and where it was', () => {
    const flags = findRawText([{ text: 'Danh mục: theft', where: 'audit-dialog › audit-row' }]);
    expect(describeFlags('1366x768 nhật ký', flags)).toBe(
      '[1366x768 nhật ký] englishWord "theft" in "Danh mục: theft" at audit-dialog › audit-row',
    );
  });
});
