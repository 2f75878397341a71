// Ranks of the People's Public Security, lowest first, offered as suggestions:
// the field stays free text (a station may have a rank not listed).
export const POLICE_RANKS = [
  'Hạ sĩ',
  'Trung sĩ',
  'Thượng sĩ',
  'Thiếu úy',
  'Trung úy',
  'Thượng úy',
  'Đại úy',
  'Thiếu tá',
  'Trung tá',
  'Thượng tá',
  'Đại tá',
] as const;

export const RANKS_LIST_ID = 'police-ranks';

/** Render once next to a rank input that has `list={RANKS_LIST_ID}`. */
export function RankOptions() {
  return (
    <datalist id={RANKS_LIST_ID}>
      {POLICE_RANKS.map((r) => (
        <option key={r} value={r} />
      ))}
    </datalist>
  );
}
