// Turns a probe result into the sentence an officer reads under "Kiểm tra kết nối".
import { codecName } from '../../electron/contract/codec-name';
import type { ProbeResult } from '../../electron/contract/schemas';
import type { Translate } from '../i18n/translate';

export function hostOf(url: string): string {
  const m = /^rtsps?:\/\/([^/?#]+)/i.exec(url.trim());
  return m?.[1] ?? url;
}

export function probeMessage(result: ProbeResult, host: string, t: Translate): string {
  if (result.ok) {
    const fps = result.fps ? t('camera.testFps', { fps: Math.round(result.fps * 10) / 10 }) : '';
    return t('camera.testOk', {
      codec: codecName(result.codec),
      width: result.width,
      height: result.height,
      fps,
    });
  }
  return t(`probe.${result.errorKind}`, { host });
}
