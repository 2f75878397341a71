import { describe, expect, it } from 'vitest';
import { ExportErrorCode } from '../../electron/contract/export-schemas';
import { createTranslator } from '../i18n/translate';
import {
  blockerMessage,
  exportFieldMessage,
  failureMessage,
  isBlocker,
  leftoverMessage,
} from './export-messages';

const vi = createTranslator('vi');
const en = createTranslator('en');
const GB = 1024 ** 3;

describe('blockers', () => {
  it('says how much is needed and free on a full drive, with the locale’s decimals', () => {
    const plan = {
      blocker: 'destination_full',
      neededBytes: Math.round(1.2 * GB),
      freeBytes: Math.round(0.4 * GB),
    };
    expect(blockerMessage(plan, vi, 'vi')).toBe(
      'USB không đủ chỗ: cần 1,2 GB, còn 0,4 GB. Hãy dùng USB khác hoặc rút ngắn khoảng thời gian.',
    );
    expect(blockerMessage(plan, en, 'en')).toContain('1.2 GB needed, 0.4 GB free');
  });

  it('has a sentence for every blocker main sends, and a fallback naming an unknown one', () => {
    for (const code of [
      'no_footage',
      'destination_missing',
      'destination_not_writable',
      'file_too_large_for_fat32',
      'destination_not_absolute',
      'destination_is_station_storage',
      'station_disk_full',
      'codec_changed',
    ]) {
      const text = blockerMessage({ blocker: code, neededBytes: 1, freeBytes: null }, vi, 'vi');
      expect(text, code).not.toContain('{');
      expect(text, code).not.toContain(code);
    }
    expect(
      blockerMessage({ blocker: 'quota_exceeded', neededBytes: 1, freeBytes: 1 }, vi, 'vi'),
    ).toContain('(quota_exceeded)');
    expect(blockerMessage({ blocker: null, neededBytes: 1, freeBytes: 1 }, vi, 'vi')).toBeNull();
    expect(isBlocker('destination_full')).toBe(true);
    expect(isBlocker('export_running')).toBe(false);
  });
});

describe('failures', () => {
  it('has its own sentence for every error code, and treats a missing code as internal', () => {
    const texts = ExportErrorCode.options.map((code) => failureMessage(code, vi));
    expect(new Set(texts).size).toBe(ExportErrorCode.options.length);
    expect(failureMessage('destination_missing', vi)).toMatch(/^USB đã bị rút/);
    expect(failureMessage(null, vi)).toBe(failureMessage('internal', vi));
  });
});

describe('what a failure left behind', () => {
  const folderName = 'VV-2026-0147_2026-11-27_2015';

  it('names the .partial folder to delete when the stick was pulled', () => {
    const text = leftoverMessage({ errorCode: 'destination_missing', folderName }, vi);
    expect(text).toBe(
      'Nếu cắm lại USB (hoặc nơi lưu có lại), có thể còn thư mục “VV-2026-0147_2026-11-27_2015.partial” — đó là bản không hoàn chỉnh, hãy xóa thư mục đó.',
    );
    expect(leftoverMessage({ errorCode: 'destination_missing', folderName }, en)).toContain(
      `“${folderName}.partial”`,
    );
  });

  it('claims the clean-up only where the destination was sound', () => {
    const removed = vi('export.leftover.removed');
    for (const code of ExportErrorCode.options) {
      const text = leftoverMessage({ errorCode: code, folderName }, vi);
      const sound = ['destination_full', 'no_footage', 'remux_failed'].includes(code);
      expect(text === removed, code).toBe(sound);
      if (!sound) expect(text, code).toContain(`${folderName}.partial`);
    }
    expect(leftoverMessage({ errorCode: null, folderName }, vi)).toBe(
      leftoverMessage({ errorCode: 'internal', folderName }, vi),
    );
  });
});

describe('field issues', () => {
  it('maps the contract’s codes and falls back to a generic sentence', () => {
    expect(exportFieldMessage('range_too_long', vi)).toMatch(/24 giờ/);
    expect(exportFieldMessage('destination_required', vi)).toBe('Hãy chọn USB hoặc thư mục để lưu');
    expect(exportFieldMessage('Invalid input', vi)).toBe(vi('field.invalid'));
  });
});
