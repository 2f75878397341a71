import { describe, expect, it } from 'vitest';
import type { Camera } from '../../electron/contract/schemas';
import {
  cameraUpdateOf,
  emptyRecorder,
  formIssuesOf,
  probeTargetOf,
  rtspFormOf,
  type RtspForm,
} from './camera-form';

const stored: Camera = {
  id: '6f1c2a64-3b0e-4d7a-9a51-2f0c8d1e5b77',
  name: 'Cổng trụ sở',
  location: 'Sân trước',
  group: 'Tổ dân phố 2',
  source: 'rtsp',
  mainUrl: 'rtsp://10.0.0.5:554/Streaming/Channels/101',
  subUrl: null,
  username: 'admin',
  hasPassword: true,
  recorderId: null,
  channel: null,
  enabled: true,
  createdAt: 0,
};

const rtsp = (patch: Partial<RtspForm> = {}): RtspForm => ({ ...rtspFormOf(stored), ...patch });

describe('camera dialog forms', () => {
  it('an edited camera keeps its stored password unless a new one is typed or it is removed', () => {
    expect(cameraUpdateOf(stored, false, rtsp())).not.toHaveProperty('password');
    expect(cameraUpdateOf(stored, false, rtsp({ password: 'mới' })).password).toBe('mới');
    expect(cameraUpdateOf(stored, false, rtsp({ removePassword: true })).password).toBeNull();
  });

  it("a demo camera's edit carries only its labels", () => {
    expect(cameraUpdateOf(stored, true, rtsp({ name: 'Demo 1' }))).toEqual({
      id: stored.id,
      name: 'Demo 1',
      location: 'Sân trước',
      group: 'Tổ dân phố 2',
    });
  });

  it('checks the form with the contract before any round trip', () => {
    expect(formIssuesOf(false, false, rtsp(), emptyRecorder)).toBeNull();
    expect(formIssuesOf(false, false, rtsp({ mainUrl: 'http://x' }), emptyRecorder)).toHaveProperty(
      'mainUrl',
    );
    // A demo camera has no URL to check.
    expect(formIssuesOf(false, true, rtsp({ mainUrl: '' }), emptyRecorder)).toBeNull();
    expect(formIssuesOf(true, false, rtsp(), emptyRecorder)).toHaveProperty('host');
  });

  it("tests an unchanged camera by id, a changed one by its typed URL, a recorder's first channel", () => {
    expect(probeTargetOf(false, emptyRecorder, rtsp(), stored, false)).toEqual({
      request: { cameraId: stored.id, stream: 'main' },
      host: '10.0.0.5:554',
    });
    const typed = rtsp({ mainUrl: 'rtsp://10.0.0.6/live', username: '', password: 'p' });
    expect(probeTargetOf(false, emptyRecorder, typed, stored, false)).toEqual({
      request: { url: 'rtsp://10.0.0.6/live', username: null, password: 'p' },
      host: '10.0.0.6',
    });
    const nvr = { ...emptyRecorder, host: '10.0.0.9', password: 'x', name: 'Đầu ghi' };
    expect(probeTargetOf(true, nvr, rtsp(), undefined, false)).toEqual({
      request: {
        url: 'rtsp://10.0.0.9:554/Streaming/Channels/101',
        username: 'admin',
        password: 'x',
      },
      host: '10.0.0.9:554',
    });
    expect(probeTargetOf(true, emptyRecorder, rtsp(), undefined, false)).toHaveProperty(
      'fields.host',
    );
  });
});
