// How an officer is named on screen: "Đại úy Nguyễn Văn An", and the avatar letter
// from the given name (the last word), which is how colleagues call each other.
import type { OfficerBrief } from '../../electron/contract/officer-schemas';

export function rankAndName(o: Pick<OfficerBrief, 'rank' | 'fullName'>): string {
  return `${o.rank} ${o.fullName}`.trim();
}

export function avatarLetter(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const given = words[words.length - 1] ?? '';
  return given.charAt(0).toLocaleUpperCase('vi') || '?';
}
