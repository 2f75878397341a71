import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, LOG_FILE_NAME } from './logger';
import { redact, redactText } from './redact';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('redact', () => {
  it('strips credentials from URLs inside any text', () => {
    expect(
      redactText('ffmpeg -i rtsp://admin:Hik%4012345@10.0.0.5:554/Streaming/Channels/101 failed'),
    ).toBe('ffmpeg -i rtsp://***@10.0.0.5:554/Streaming/Channels/101 failed');
    expect(redactText('ws://127.0.0.1:5000/rpc?token=abcdef&x=1')).toBe(
      'ws://127.0.0.1:5000/rpc?token=[redacted]&x=1',
    );
  });

  it('blanks secret fields at any depth but keeps flags', () => {
    expect(
      redact({
        camera: { password: 'p4ss', hasPassword: true, passwordEnc: 'k1:zzz', name: 'Cổng' },
        token: 't',
      }),
    ).toEqual({
      camera: {
        password: '[redacted]',
        hasPassword: true,
        passwordEnc: '[redacted]',
        name: 'Cổng',
      },
      token: '[redacted]',
    });
  });
});

describe('logger', () => {
  it('writes JSON lines and never the password', () => {
    const log = createLogger({ dir, stderr: false }).child('cameras');
    const err = new Error('connect to rtsp://admin:SuperSecret99@10.1.1.1/cam failed');
    log.info('probe rtsp://admin:SuperSecret99@10.1.1.1/cam', {
      password: 'SuperSecret99',
      err,
      url: 'rtsp://u:SuperSecret99@h/x',
    });
    log.debug('not written at info level');
    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
    expect(text).not.toContain('SuperSecret99');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      scope: 'cameras',
      msg: 'probe rtsp://***@10.1.1.1/cam',
    });
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const log = createLogger({ dir, stderr: false, maxBytes: 2000, keep: 2 });
    for (let i = 0; i < 200; i++) log.warn('line', { i, pad: 'x'.repeat(50) });
    const files = readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    expect(existsSync(join(dir, `${LOG_FILE_NAME}.3`))).toBe(false);
    const last = readFileSync(join(dir, LOG_FILE_NAME), 'utf8').trim().split('\n').pop() as string;
    expect(JSON.parse(last)).toMatchObject({ i: 199 });
  });
});
