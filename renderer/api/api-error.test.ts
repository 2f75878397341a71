import { describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/contract/errors';
import { createTranslator } from '../i18n/translate';
import { errorMessage, errorReason, fieldMessage, toUiError } from './api-error';

const t = createTranslator('vi');

describe('api errors for people', () => {
  it('keeps the code and field issues of an ApiError', () => {
    const e = new ApiError('invalid_request', 'raw', { mainUrl: 'invalid_rtsp_url' });
    expect(toUiError(e)).toEqual({
      code: 'invalid_request',
      fields: { mainUrl: 'invalid_rtsp_url' },
    });
  });

  it('reads a JSON body flattened into an Electron IPC error message', () => {
    const e = new Error(
      `Error invoking remote method 'camera.add': {"code":"conflict","message":"x"}`,
    );
    expect(toUiError(e).code).toBe('conflict');
  });

  it('never shows a raw message', () => {
    expect(errorMessage(new Error('SQLITE_BUSY: database is locked'), t)).toBe(
      'Có lỗi xảy ra. Thử lại sau.',
    );
  });

  it('maps field issues to sentences', () => {
    expect(fieldMessage('invalid_rtsp_url', t)).toMatch(/rtsp:\/\//);
    expect(fieldMessage('Too small: expected string to have >=1 characters', t)).toBe(
      'Không được để trống',
    );
    expect(fieldMessage('something else', t)).toBe('Giá trị không hợp lệ');
  });
});

describe('reasons of duty-room errors', () => {
  it('picks the sentence for a known reason and fills it from the fields', () => {
    const e = new ApiError('forbidden', 'too_many_attempts', { retryAfterSec: '42' });
    expect(errorReason(e)).toBe('too_many_attempts');
    expect(errorMessage(e, t)).toContain('42 giây');
    expect(errorMessage(new ApiError('forbidden', 'bad_password'), t)).toBe(
      'Mật khẩu không đúng. Kiểm tra lại (chú ý chữ hoa, bộ gõ tiếng Việt).',
    );
  });

  it('falls back to the code for an unknown reason, also through Electron IPC', () => {
    expect(errorMessage(new ApiError('forbidden', 'something_new'), t)).toBe(t('error.forbidden'));
    const flat = new Error(
      `Error invoking remote method 'auth.signIn': {"code":"forbidden","message":"inactive"}`,
    );
    expect(errorReason(flat)).toBe('inactive');
    expect(errorMessage(flat, t)).toBe(t('error.forbidden.inactive'));
  });
});
