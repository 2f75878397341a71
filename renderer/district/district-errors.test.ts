// The station's refusals of district calls read as what to do, not as codes.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/contract/errors';
import { errorMessage, fieldMessage } from '../api/api-error';
import { createTranslator } from '../i18n/translate';

const vi = createTranslator('vi');

describe('district errors', () => {
  it('words the decide refusals main sends', () => {
    expect(errorMessage(new ApiError('conflict', 'already_decided'), vi)).toMatch(
      /^Yêu cầu này đã được trả lời/,
    );
    expect(errorMessage(new ApiError('not_found', 'incident_not_found'), vi)).toMatch(
      /không có vụ việc mang mã/,
    );
    expect(errorMessage(new ApiError('conflict', 'request_incomplete'), vi)).toMatch(/Từ chối/);
  });

  it('words the credentials refusals of district.connect', () => {
    expect(fieldMessage('credentials_format', vi)).toMatch(/cấp lại tệp/);
    expect(fieldMessage('credentials_station', vi)).toMatch(/Ngắt kết nối trước/);
  });
});
