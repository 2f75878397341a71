// Words for an incident's category and severity, in both languages. The printed
// reports (core) and the console (renderer) show the same words, so they live here once.
import type { IncidentCategory, IncidentSeverity } from './incident-schemas';
import type { Language } from './schemas';

type Labels<K extends string> = Readonly<Record<Language, Readonly<Record<K, string>>>>;

export const INCIDENT_CATEGORY_LABELS: Labels<IncidentCategory> = {
  vi: {
    theft: 'Trộm cắp tài sản',
    snatching: 'Cướp giật tài sản',
    robbery: 'Cướp tài sản',
    fighting: 'Đánh nhau, gây rối trật tự',
    traffic_accident: 'Tai nạn giao thông',
    traffic_violation: 'Vi phạm trật tự an toàn giao thông',
    fire: 'Cháy, nổ',
    gathering: 'Tụ tập đông người',
    suspicious: 'Người, phương tiện khả nghi',
    other: 'Khác',
  },
  en: {
    theft: 'Theft',
    snatching: 'Snatching',
    robbery: 'Robbery',
    fighting: 'Fighting, public disorder',
    traffic_accident: 'Traffic accident',
    traffic_violation: 'Traffic violation',
    fire: 'Fire, explosion',
    gathering: 'Crowd gathering',
    suspicious: 'Suspicious person or vehicle',
    other: 'Other',
  },
};

export const INCIDENT_SEVERITY_LABELS: Labels<IncidentSeverity> = {
  vi: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Khẩn cấp' },
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Urgent' },
};
