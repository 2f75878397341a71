import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './rig';

function probe(url: string): { codec?: string; width?: number; stderr: string } {
  const r = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-rtsp_transport',
      'tcp',
      '-timeout',
      '5000000',
      '-show_streams',
      '-of',
      'json',
      url,
    ],
    { encoding: 'utf8', timeout: 20_000 },
  );
  const streams =
    r.status === 0
      ? (JSON.parse(r.stdout) as { streams: { codec_name: string; width: number }[] }).streams
      : [];
  return { codec: streams[0]?.codec_name, width: streams[0]?.width, stderr: r.stderr };
}

describe('RTSP test rig', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({
      h264: ['cam1'],
      h265: ['hevc1'],
      authMounts: ['secure1'],
      sub: true,
      aliases: 2,
    });
  });
  afterAll(() => rig.stop());

  it('serves H.264, H.265, a sub-stream, aliases and a password-protected camera', () => {
    expect(probe(rig.url('cam1'))).toMatchObject({ codec: 'h264', width: 640 });
    expect(probe(rig.url('cam1_sub'))).toMatchObject({ codec: 'h264', width: 320 });
    expect(probe(rig.url('cam1-a2'))).toMatchObject({ codec: 'h264', width: 640 });
    expect(probe(rig.url('hevc1'))).toMatchObject({ codec: 'hevc', width: 640 });
    expect(probe(rig.url('secure1', { user: 'admin', pass: '12345' }))).toMatchObject({
      codec: 'h264',
    });
    expect(probe(rig.url('secure1')).stderr).toContain('401 Unauthorized');
    expect(probe(rig.url('secure1', { user: 'admin', pass: 'wrong' })).stderr).toContain(
      '401 Unauthorized',
    );
  });

  it('stops (cameras offline) and restarts on the same port', async () => {
    const port = rig.port;
    await rig.stop();
    expect(rig.running()).toBe(false);
    expect(probe(rig.url('cam1')).stderr).toContain('Connection refused');
    await rig.restart();
    expect(rig.port).toBe(port);
    expect(probe(rig.url('cam1')).codec).toBe('h264');
  });
});
