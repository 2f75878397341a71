import { describe, expect, it } from 'vitest';
import { codecName } from './codec-name';

describe('codecName', () => {
  it('says H.265 and H.264 where ffprobe says hevc and h264', () => {
    expect(codecName('hevc')).toBe('H.265');
    expect(codecName('HEVC')).toBe('H.265');
    expect(codecName('h264')).toBe('H.264');
    expect(codecName('hvc1')).toBe('H.265');
  });

  it('keeps an unknown codec readable', () => {
    expect(codecName('mjpeg')).toBe('MJPEG');
  });
});
