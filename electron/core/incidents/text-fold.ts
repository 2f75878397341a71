// Folds Vietnamese text to plain ASCII-ish lower case for search, so an officer
// typing without diacritics ("trom cap") finds "Trộm cắp". SQLite's unicode61
// tokenizer strips most marks but not đ (a letter of its own, not d + a mark).

/** NFD, combining marks removed, đ/Đ → d, lower case, whitespace collapsed. */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
