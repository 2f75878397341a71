import { describe, expect, it } from 'vitest';
import { emptyRecorder, rtspFormOf, type RtspForm } from './camera-form';
import type { TestState } from './camera-test-row';
import { connectionKeyOf, isStale, saveCheckOf } from './save-check';

const form: RtspForm = {
  ...rtspFormOf(undefined),
  name: 'Cổng chợ',
  mainUrl: 'rtsp://10.0.0.5:554/Streaming/Channels/101',
  username: 'admin',
  password: 'mk',
};
const key = connectionKeyOf(false, form, emptyRecorder);
const failed: TestState = { phase: 'done', ok: false, text: 'Không kết nối được.', key };
const passed: TestState = { phase: 'done', ok: true, text: 'Kết nối tốt', key };

describe('connectionKeyOf', () => {
  it('changes with the address, port, path and account, not with the name or place', () => {
    const changed = (patch: Partial<RtspForm>) =>
      connectionKeyOf(false, { ...form, ...patch }, emptyRecorder) !== key;
    expect(changed({ mainUrl: 'rtsp://10.0.0.5:8554/Streaming/Channels/101' })).toBe(true);
    expect(changed({ mainUrl: 'rtsp://10.0.0.6:554/Streaming/Channels/101' })).toBe(true);
    expect(changed({ mainUrl: 'rtsp://10.0.0.5:554/Streaming/Channels/201' })).toBe(true);
    expect(changed({ username: 'operator' })).toBe(true);
    expect(changed({ password: 'khac' })).toBe(true);
    expect(changed({ name: 'Chợ', location: 'Ngõ 7', group: 'TDP 1' })).toBe(false);

    const rec = { ...emptyRecorder, host: '10.0.0.9' };
    const recKey = connectionKeyOf(true, form, rec);
    expect(connectionKeyOf(true, form, { ...rec, port: '8554' })).not.toBe(recKey);
    expect(connectionKeyOf(true, form, { ...rec, host: '10.0.0.8' })).not.toBe(recKey);
    expect(connectionKeyOf(true, form, { ...rec, password: 'x' })).not.toBe(recKey);
    expect(connectionKeyOf(true, form, { ...rec, name: 'Đầu ghi 2' })).toBe(recKey);
  });
});

describe('saveCheckOf', () => {
  it('asks before saving after a failed test, and says what failed', () => {
    expect(saveCheckOf(failed, key, null)).toEqual({
      confirm: { key: 'camera.confirmFailed', params: { reason: 'Không kết nối được.' } },
    });
  });

  it('a result for other fields is stale: hidden, and saving asks', () => {
    const other = connectionKeyOf(false, { ...form, password: 'moi' }, emptyRecorder);
    expect(isStale(passed, other)).toBe(true);
    expect(isStale(passed, key)).toBe(false);
    expect(saveCheckOf(passed, other, null)).toEqual({
      confirm: { key: 'camera.confirmStale', params: {} },
    });
    expect(saveCheckOf(failed, other, null).confirm?.key).toBe('camera.confirmStale');
  });

  it('asks while a test is still running', () => {
    expect(saveCheckOf({ phase: 'running' }, key, null).confirm?.key).toBe('camera.confirmRunning');
  });

  it('saves a passed test at once; an untested new camera saves with a warning', () => {
    expect(saveCheckOf(passed, key, null)).toEqual({ confirm: null, untested: false });
    expect(saveCheckOf({ phase: 'idle' }, key, null)).toEqual({ confirm: null, untested: true });
  });

  it('an edit that leaves the connection as stored needs no test', () => {
    expect(saveCheckOf({ phase: 'idle' }, key, key)).toEqual({ confirm: null, untested: false });
    const other = connectionKeyOf(false, { ...form, mainUrl: 'rtsp://10.0.0.7/x' }, emptyRecorder);
    expect(saveCheckOf({ phase: 'idle' }, other, key)).toEqual({ confirm: null, untested: true });
  });
});
