import { describe, expect, it } from 'vitest';
import type { PtzDevice } from './ptz-device';
import { PtzDevices } from './ptz-devices';

const dome = { panTilt: true, zoom: true } as PtzDevice;

describe('PtzDevices', () => {
  it('opens a dome once and keeps it; asks again about a camera without PTZ', async () => {
    const opened: string[] = [];
    const devices = new PtzDevices(async (id) => {
      opened.push(id);
      return id === 'dome' ? dome : null;
    });
    await Promise.all([devices.lookup('dome'), devices.lookup('dome')]);
    expect(await devices.lookup('fixed')).toBeNull();
    expect(await devices.lookup('fixed')).toBeNull();
    expect(opened).toEqual(['dome', 'fixed', 'fixed']);
    devices.forget('dome');
    expect(await devices.lookup('dome')).toBe(dome);
    devices.forgetAll();
    await devices.lookup('dome');
    expect(opened).toEqual(['dome', 'fixed', 'fixed', 'dome', 'dome']);
  });

  it('does not keep a failed open: the next call tries again', async () => {
    let attempts = 0;
    const devices = new PtzDevices(async () => {
      attempts++;
      if (attempts === 1) throw new Error('ECONNREFUSED');
      return dome;
    });
    await expect(devices.lookup('dome')).rejects.toThrow('ECONNREFUSED');
    expect(await devices.lookup('dome')).toBe(dome);
    expect(attempts).toBe(2);
  });
});
