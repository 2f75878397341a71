// What an officer reads must be Vietnamese words, names, labels and dates: never a
// program's identifier, a database id or a raw timestamp. `collectVisibleText` reads
// every text a page shows (text nodes, field values, placeholders); `findRawText`
// flags identifiers, UUIDs and epoch numbers in them, after an allow-list of proper
// names and codecs and after the values that are names by nature (addresses, paths,
// file names, hashes).
import type { Page } from '@playwright/test';
import { ExportPhase, ExportStatus } from '../electron/contract/export-schemas';
import {
  Incident,
  IncidentCategory,
  IncidentSeverity,
  IncidentStatus,
} from '../electron/contract/incident-schemas';
import { OfficerRole } from '../electron/contract/officer-schemas';
import { NotRecordingReason } from '../electron/contract/recording-schemas';
import {
  Camera,
  Settings,
  StreamErrorKind,
  StreamState,
  Vendor,
} from '../electron/contract/schemas';

export interface TextSample {
  text: string;
  /** The nearest data-testid ancestors, outermost first: where on the screen it was. */
  where: string;
}

export type RawTextRule =
  'uuid' | 'epoch' | 'camelCase' | 'snake_case' | 'dotted.key' | 'englishWord';

export interface RawTextFlag {
  rule: RawTextRule;
  /** The flagged piece of text. */
  token: string;
  /** The whole text it was found in (cut to 160 characters). */
  text: string;
  where: string;
}

/** Proper names, codecs and units officers know in these very spellings. */
export const DEFAULT_ALLOW: readonly string[] = [
  'H.264',
  'H.265',
  'MPEG-1',
  'RTSP',
  'ONVIF',
  'USB',
  'PDF',
  'SHA-256',
  'IP',
  'DVR',
  'NVR',
  'Hikvision',
  'Dahua',
  'KBVision',
  'iVMS',
  'SmartPSS',
  'exFAT',
  'NTFS',
  'FAT32',
  'ffmpeg',
  'fps',
  'kbps',
  'Mbps',
];

/**
 * Lowercase English words that are values of the contract's enums (a category, a state,
 * a role…), its field names (snapshots, category…) or a program's (null, undefined): on
 * screen they mean a label is missing. Two-letter words are left out ("vi" is a
 * Vietnamese syllable), and so is "video", a Vietnamese word too.
 */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  [
    ...IncidentCategory.options,
    ...IncidentSeverity.options,
    ...IncidentStatus.options,
    ...StreamState.options,
    ...StreamErrorKind.options,
    ...NotRecordingReason.options,
    ...OfficerRole.options,
    ...Vendor.options,
    ...ExportStatus.options,
    ...ExportPhase.options,
    ...Object.keys(Incident.shape),
    ...Object.keys(Camera.shape),
    ...Object.keys(Settings.shape),
    'supervision',
    'online',
    'recording',
    'error',
    'failed',
    'pending',
    'hevc',
    // Officers know the codecs as H.265 and H.264.
    'HEVC',
    'H265',
    'H264',
    'h264',
    'h265',
    'null',
    'undefined',
    'true',
    'false',
    'NaN',
  ].filter((w) => /^[A-Za-z][A-Za-z0-9]{2,}$/.test(w) && w !== 'video'),
);

// Whole, or cut by a narrow column after its third group ("5332d96f-c028-4c8f-8").
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}(?:-[0-9a-f]{1,4}(?:-[0-9a-f]{1,12})?)?/gi;
// An id cut to its first group ("d89bae4e…") is still an id; a hash shown as its head
// and tail ("944a04a9…5d4a2cb2") is a hash.
const SHORT_UUID = /(?<![\p{L}\p{N}])[0-9a-f]{8}(?:…|\.\.\.)(?![0-9a-f])/giu;
// 10–13 digits alone: seconds or milliseconds since 1970. Phone numbers start with 0.
const EPOCH = /(?<![\d.,:/-])[1-9]\d{9,12}(?![\d.,:/-])/g;
// Values that are names by nature: an address, a path, a file name, a hash.
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;
const PATH_LIKE = /(?:[A-Za-z]:)?(?:[\\/][^\s\\/]+){2,}[\\/]?|[A-Za-z]:\\\S*/g;
const FILE_NAME = /[^\s/\\"'()]+\.(?:mp4|pdf|png|jpe?g|html?|json|txt|csv|sqlite|db|exe|log)\b/gi;
const HEX_HASH = /\b[0-9a-f]{16,}\b/gi;

// Identifier shapes, ASCII only: a Vietnamese word never has them.
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}_.])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}_])';
const IDENTIFIER_RULES: [RawTextRule, RegExp][] = [
  [
    'dotted.key',
    new RegExp(
      `${NOT_WORD_BEFORE}[a-z][A-Za-z0-9_]+(?:\\.[a-z][A-Za-z0-9_]+)+${NOT_WORD_AFTER}`,
      'gu',
    ),
  ],
  [
    'snake_case',
    new RegExp(`${NOT_WORD_BEFORE}[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+${NOT_WORD_AFTER}`, 'gu'),
  ],
  [
    'camelCase',
    new RegExp(`${NOT_WORD_BEFORE}[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*${NOT_WORD_AFTER}`, 'gu'),
  ],
];
const WORD = /(?<![\p{L}\p{N}_.-])[A-Za-z][A-Za-z0-9]*(?![\p{L}\p{N}_-])/gu;

/**
 * A lowercase word no Vietnamese syllable can be: a letter Vietnamese does not write
 * (f, j, w, z) or a final consonant it does not end on (only c, ch, m, n, ng, nh, p, t).
 * Catches keys such as "bytes" or "folder" that no list names.
 */
function notVietnamese(word: string): boolean {
  return /^[a-z]{3,}$/.test(word) && (/[fjwz]/.test(word) || /[bdklqrsvx]$/.test(word));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => ' '.repeat(m.length));
}

/** Flags raw program text in what the page showed; `allow` adds names to DEFAULT_ALLOW. */
export function findRawText(
  samples: readonly TextSample[],
  allow: readonly string[] = [],
): RawTextFlag[] {
  const allowed = [...DEFAULT_ALLOW, ...allow].sort((a, b) => b.length - a.length);
  const allowPattern =
    allowed.length > 0
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${allowed.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
          'gu',
        )
      : null;
  const flags: RawTextFlag[] = [];
  for (const { text, where } of samples) {
    const shown = text.replace(/\s+/g, ' ').trim();
    if (shown === '') continue;
    const flag = (rule: RawTextRule, token: string) =>
      flags.push({ rule, token, text: shown.slice(0, 160), where });

    // A UUID is an id whatever it sits in, an address or a path included.
    for (const m of shown.matchAll(UUID)) flag('uuid', m[0]);
    let rest = blank(shown, UUID);
    for (const m of rest.matchAll(SHORT_UUID)) flag('uuid', m[0]);
    rest = blank(rest, SHORT_UUID);
    rest = blank(rest, URL_LIKE);
    // A hash's digits are not a time.
    rest = blank(rest, HEX_HASH);
    for (const m of rest.matchAll(EPOCH)) flag('epoch', m[0]);
    rest = blank(rest, PATH_LIKE);
    rest = blank(rest, FILE_NAME);
    if (allowPattern) rest = blank(rest, allowPattern);
    for (const [rule, pattern] of IDENTIFIER_RULES) {
      for (const m of rest.matchAll(pattern)) flag(rule, m[0]);
      rest = blank(rest, pattern);
    }
    for (const m of rest.matchAll(WORD))
      if (ENGLISH_WORDS.has(m[0]) || notVietnamese(m[0])) flag('englishWord', m[0]);
  }
  return flags;
}

/** One line per flag, naming the screen, the text and where on the screen it was. */
export function describeFlags(screen: string, flags: readonly RawTextFlag[]): string {
  return flags
    .map((f) => `[${screen}] ${f.rule} "${f.token}" in "${f.text}" at ${f.where || 'body'}`)
    .join('\n');
}

/**
 * Every text the page shows now: text nodes of rendered elements, the values and
 * placeholders of text fields, the options of visible lists. Visually hidden helpers
 * (1 px boxes) and closed layers are not shown, so they are left out.
 */
export async function collectVisibleText(page: Page): Promise<TextSample[]> {
  return page.evaluate(() => {
    const where = (el: Element | null): string => {
      const ids: string[] = [];
      for (let e = el; e && ids.length < 3; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        if (id) ids.unshift(id);
      }
      return ids.join(' › ');
    };
    const shown = (el: Element): boolean => {
      const target = el instanceof HTMLOptionElement ? el.closest('select') : el;
      if (!target || !target.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
        return false;
      const r = target.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    const out: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent ?? '';
      if (!el || text.trim() === '' || el.closest('script,style,noscript')) continue;
      if (shown(el)) out.push({ text, where: where(el) });
    }
    for (const field of document.querySelectorAll('input, textarea')) {
      const f = field as HTMLInputElement | HTMLTextAreaElement;
      if (f instanceof HTMLInputElement && !/^(text|search|email|url|tel|number|)$/.test(f.type))
        continue;
      if (!shown(f)) continue;
      const text = f.value || f.placeholder;
      if (text.trim() !== '') out.push({ text, where: where(f) });
    }
    return out;
  });
}
