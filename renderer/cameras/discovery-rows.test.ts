import { describe, expect, it } from 'vitest';
import type { DiscoveredDevice, OnvifProfile } from '../../electron/contract/onvif';
import type { Camera } from '../../electron/contract/schemas';
import {
  codecLabel,
  discoveryErrorKey,
  discoveryRows,
  failureHints,
  mergeDevices,
  parseProbeTarget,
  profileLabel,
  streamProfiles,
  vendorOf,
} from './discovery-rows';

function device(endpoint: string, host: string, more: Partial<DiscoveredDevice> = {}) {
  return {
    endpoint,
    host,
    xaddrs: [`http://${host}/onvif/device_service`],
    manufacturer: 'HIKVISION',
    model: 'DS-2CD1023G0',
    name: null,
    needsCredentials: true,
    cameraId: null,
    via: '192.168.1.2',
    ...more,
  } satisfies DiscoveredDevice;
}

const camera = { id: 'cam-1', name: 'Cổng UBND phường' } as Camera;

describe('discoveryRows', () => {
  it('lists new devices first, by numeric address, and marks the added ones', () => {
    const rows = discoveryRows(
      [
        device('urn:a', '192.168.1.10'),
        device('urn:b', '192.168.1.9', { cameraId: 'cam-1' }),
        device('urn:c', 'cam.local'),
        device('urn:d', '192.168.1.9'),
        device('urn:e', '10.0.0.200', { cameraId: 'cam-gone' }),
      ],
      [camera],
    );
    expect(rows.map((r) => [r.device.endpoint, r.added, r.addedAs?.name ?? null])).toEqual([
      ['urn:d', false, null],
      ['urn:a', false, null],
      ['urn:c', false, null],
      ['urn:e', true, null],
      ['urn:b', true, 'Cổng UBND phường'],
    ]);
  });

  it('merges a probe at an address into the sweep by endpoint, the newer answer winning', () => {
    const merged = mergeDevices(
      [device('urn:a', '192.168.1.10'), device('urn:b', '192.168.1.11')],
      [device('urn:a', '192.168.1.12', { cameraId: 'cam-1' })],
    );
    expect(merged.map((d) => [d.endpoint, d.host, d.cameraId])).toEqual([
      ['urn:a', '192.168.1.12', 'cam-1'],
      ['urn:b', '192.168.1.11', null],
    ]);
  });
});

describe('parseProbeTarget', () => {
  it('takes host or host:port, refuses anything else', () => {
    expect(parseProbeTarget(' 192.168.1.64 ')).toEqual({ host: '192.168.1.64' });
    expect(parseProbeTarget('127.0.0.1:40123')).toEqual({ host: '127.0.0.1', port: 40123 });
    expect(parseProbeTarget('cam.local:8899')).toEqual({ host: 'cam.local', port: 8899 });
    for (const bad of ['', 'http://1.2.3.4', '1.2.3.4:0', '1.2.3.4:70000', 'a b', '.x'])
      expect(parseProbeTarget(bad), bad).toBeNull();
  });
});

describe('profiles', () => {
  const p = (token: string, codec: string | null, width: number, height: number): OnvifProfile => ({
    token,
    name: token,
    codec,
    width,
    height,
    fps: 25,
    hasPtz: false,
  });

  it('names codecs as officers know them and drops MJPEG, largest first', () => {
    expect(['H265', 'HEVC', 'H264', 'avc', 'JPEG', null].map(codecLabel)).toEqual([
      'H.265',
      'H.265',
      'H.264',
      'H.264',
      'MJPEG',
      '',
    ]);
    const list = streamProfiles([
      p('sub', 'H264', 640, 360),
      p('jpeg', 'JPEG', 1920, 1080),
      p('main', 'H265', 2560, 1440),
    ]);
    expect(list.map((x) => x.token)).toEqual(['main', 'sub']);
    expect(profileLabel(list[0]!)).toBe('main · 2560×1440 · H.265 · 25 fps');
  });
});

describe('hints and errors', () => {
  it('suggests the vendor fix for a refused sign-in', () => {
    expect(vendorOf('HIKVISION')).toBe('hikvision');
    expect(vendorOf('Dahua Technology')).toBe('dahua');
    expect(vendorOf(null)).toBeNull();
    expect(failureHints('auth_failed', 'hikvision')).toEqual(['hikvision_onvif_user']);
    expect(failureHints('time_check', 'dahua')).toEqual(['dahua_time_check']);
    expect(failureHints('auth_failed', null)).toEqual([]);
    expect(discoveryErrorKey('unreachable')).toBe('discovery.error.unreachable');
    expect(discoveryErrorKey('bad_password')).toBeNull();
    expect(discoveryErrorKey(null)).toBeNull();
  });
});
