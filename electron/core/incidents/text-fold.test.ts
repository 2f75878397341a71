import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './text-fold';

describe('foldVietnamese', () => {
  it('strips tone and vowel marks and lower-cases', () => {
    expect(foldVietnamese('Trộm cắp xe máy')).toBe('trom cap xe may');
    expect(foldVietnamese('Cướp giật điện thoại')).toBe('cuop giat dien thoai');
    expect(foldVietnamese('Ngã tư Hàng Bài – Tràng Tiền')).toBe('nga tu hang bai – trang tien');
  });

  it('turns đ and Đ into d (no Unicode decomposition does it)', () => {
    expect(foldVietnamese('ĐƯỜNG')).toBe('duong');
    expect(foldVietnamese('đường Đê La Thành')).toBe('duong de la thanh');
  });

  it('folds precomposed and decomposed input alike', () => {
    const decomposed = 'Tr\u006f\u0323\u0302m'; // o + dot below + circumflex
    expect(foldVietnamese(decomposed)).toBe('trom');
    expect(foldVietnamese('Tr\u1ed9m')).toBe('trom');
  });

  it('collapses whitespace of every kind and trims', () => {
    expect(foldVietnamese('  xe\t\tmáy\n\u00a0cũ  ')).toBe('xe may cu');
    expect(foldVietnamese('')).toBe('');
  });
});
