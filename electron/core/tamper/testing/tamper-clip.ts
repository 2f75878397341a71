// An H.264 clip whose picture does what tampered cameras do, one state after the
// other, with a keyframe every second: made with ffmpeg from a still test card with
// sensor noise (a quiet street at night), so the detector reads real decoded keyframes.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PictureAlarmKind } from '../../../contract/camera-alarms';
import { TEST_FFMPEG } from '../../streams/testing/ffmpeg-bin';

const run = promisify(execFile);

export type ClipState = 'normal' | PictureAlarmKind;

export interface ClipPart {
  state: ClipState;
  seconds: number;
}

const SIZE = '704x576';
const FPS = '12.5';

function filterOf(state: ClipState): { input: string[]; vf: string } {
  const card = ['-loop', '1', '-framerate', FPS, '-i', 'card.png'];
  switch (state) {
    case 'normal':
      return { input: card, vf: 'noise=alls=12:allf=t' };
    case 'black':
      return {
        input: ['-f', 'lavfi', '-i', `color=black:size=${SIZE}:rate=${FPS}`],
        vf: 'noise=alls=3:allf=t',
      };
    case 'frozen':
      return { input: card, vf: 'null' };
    case 'covered':
      return { input: card, vf: 'noise=alls=12:allf=t,gblur=sigma=14' };
    case 'scene':
      return {
        input: ['-loop', '1', '-framerate', FPS, '-i', 'turned.png'],
        vf: 'noise=alls=12:allf=t',
      };
  }
}

/** Writes `<dir>/clip.ts` with the parts in order; returns its path. */
export async function makeTamperClip(dir: string, parts: readonly ClipPart[]): Promise<string> {
  const ff = (args: string[]) =>
    run(TEST_FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { cwd: dir });
  await ff(['-f', 'lavfi', '-i', `testsrc=size=${SIZE}:rate=1`, '-frames:v', '1', 'card.png']);
  await ff(['-i', 'card.png', '-vf', 'hflip,vflip', 'turned.png']);
  const files: string[] = [];
  for (const [i, part] of parts.entries()) {
    const { input, vf } = filterOf(part.state);
    const file = `part${i}.ts`;
    await ff([
      ...input,
      '-t',
      String(part.seconds),
      '-vf',
      `${vf},format=yuv420p,fps=${FPS}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-force_key_frames',
      'expr:gte(t,n_forced)',
      '-sc_threshold',
      '0',
      '-g',
      '100',
      '-an',
      file,
    ]);
    files.push(file);
  }
  await ff(['-i', `concat:${files.join('|')}`, '-c', 'copy', 'clip.ts']);
  return join(dir, 'clip.ts');
}
