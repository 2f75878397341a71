// Words and colours for the district link and the centre's requests; pure, so the
// panel and the settings section say the same thing and tests can check it.
import type { DistrictStatus, StationExportRequest } from '../../electron/contract/district';
import type { Language } from '../../electron/contract/schemas';
import { formatStationDateTime } from '../../electron/contract/station-time';
import type { MessageKey, Translate } from '../i18n/translate';
import { formatDurationWords } from '../shifts/duration-text';

export type PillTone = 'ok' | 'warn' | 'bad' | 'muted';

export const LINK_TONE: Record<DistrictStatus['link'], PillTone> = {
  off: 'muted',
  starting: 'warn',
  linking: 'warn',
  linked: 'ok',
  failed: 'bad',
};

export const linkKey = (link: DistrictStatus['link']): MessageKey => `district.link.${link}`;

export const REQUEST_TONE: Record<StationExportRequest['status'], PillTone> = {
  pending: 'warn',
  approved: 'ok',
  refused: 'muted',
};

/** "Chưa gửi": "Đã gửi hết" or "12 sự kiện, cũ nhất từ 5 phút trước". */
export function pendingText(status: DistrictStatus, now: number, t: Translate): string {
  if (status.pending <= 0) return t('district.pendingNone');
  const age = status.oldestPendingAt === null ? 0 : Math.max(0, now - status.oldestPendingAt);
  return t('district.pendingCount', { n: status.pending, age: formatDurationWords(age, t) });
}

/**
 * What footage a request asks for: its incident code, or its time range in station
 * time; and its cameras by the names this station gave them (the id if unknown).
 */
export function requestScope(
  r: Pick<StationExportRequest, 'incidentCode' | 'fromMs' | 'toMs' | 'cameraIds'>,
  cameraName: (id: string) => string | undefined,
  t: Translate,
): { what: string; cameras: string } {
  const what =
    r.incidentCode !== null
      ? t('district.incident', { code: r.incidentCode })
      : r.fromMs !== null && r.toMs !== null
        ? t('district.range', {
            from: formatStationDateTime(r.fromMs),
            to: formatStationDateTime(r.toMs),
          })
        : '';
  const cameras = r.cameraIds.length
    ? t('district.cameras', { names: r.cameraIds.map((id) => cameraName(id) ?? id).join(', ') })
    : r.incidentCode !== null
      ? t('district.camerasAll')
      : '';
  return { what, cameras };
}

/**
 * The link's problem in the console's language. The station service words it
 * "Vietnamese / English" (its log and API carry both); the screen shows one.
 */
export function problemText(problem: string, language: Language): string {
  const at = problem.indexOf(' / ');
  if (at < 0) return problem;
  return (language === 'en' ? problem.slice(at + 3) : problem.slice(0, at)).trim();
}
