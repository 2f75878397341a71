import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createTranslator, interpolate } from './translate';
import { vi } from './vi';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('en has exactly the keys of vi', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('every message has the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });

  it('no message is empty', () => {
    for (const [k, v] of [...Object.entries(vi), ...Object.entries(en)])
      expect(v.trim(), k).not.toBe('');
  });

  it('uses the glossary words in Vietnamese', () => {
    expect(vi['tile.offlineSince']).toBe('Mất kết nối từ {time}');
    expect(vi['tile.authFailed']).toBe('Sai tên đăng nhập hoặc mật khẩu');
    expect(vi['camera.test']).toBe('Kiểm tra kết nối');
    expect(vi['top.tour']).toBe('Tuần tra tự động');
    expect(vi['tile.live']).toBe('TRỰC TIẾP');
    expect(vi['rec.recording']).toBe('Đang ghi hình');
    expect(vi['rec.reason.camera_offline']).toBe('Không ghi hình: camera mất kết nối');
    expect(vi['rec.reason.disk_error']).toBe('Không ghi hình: lỗi ổ cứng');
    expect(vi['top.storage']).toBe('Lưu trữ');
  });
});

describe('translator', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    expect(interpolate('Camera {name} lúc {time}', { name: 'A', time: '14:05' })).toBe(
      'Camera A lúc 14:05',
    );
    expect(interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('switches language', () => {
    expect(createTranslator('vi')('tile.empty')).toBe('Kéo camera vào đây');
    expect(createTranslator('en')('tile.empty')).toBe('Drag a camera here');
  });
});
