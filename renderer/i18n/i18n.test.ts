import { describe, expect, it } from 'vitest';
import { en, enByFolder } from './en';
import { createTranslator, interpolate } from './translate';
import { vi, viByFolder } from './vi';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('en has exactly the keys of vi', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('every message has the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });

  it('no message is empty', () => {
    for (const [k, v] of [...Object.entries(vi), ...Object.entries(en)])
      expect(v.trim(), k).not.toBe('');
  });

  it('uses the glossary words in Vietnamese', () => {
    expect(vi['tile.offlineSince']).toBe('Mất kết nối từ {time}');
    expect(vi['tile.authFailed']).toBe('Sai tên đăng nhập hoặc mật khẩu');
    expect(vi['camera.test']).toBe('Kiểm tra kết nối');
    expect(vi['top.tour']).toBe('Tuần tra tự động');
    expect(vi['tile.live']).toBe('TRỰC TIẾP');
    expect(vi['rec.recording']).toBe('Đang ghi hình');
    expect(vi['rec.reason.camera_offline']).toBe('Không ghi hình: camera mất kết nối');
    expect(vi['rec.reason.disk_error']).toBe('Không ghi hình: lỗi ổ cứng');
    expect(vi['top.storage']).toBe('Lưu trữ');
  });
});

// The first segment of a key names the renderer folder whose messages.*.ts holds it.
// error.*, field.* and toast.* follow the wire's error and field codes, which every
// domain has, so each folder keeps its own next to its other messages.
const SHARED_PREFIXES = ['error', 'field', 'toast'];
const PREFIXES_BY_FOLDER: Record<keyof typeof viByFolder, string[]> = {
  alerts: ['cameraAlarm', 'pictureAlarm'],
  audit: ['audit'],
  auth: ['auth', 'setup', 'signIn', 'lock', 'user', 'signOut', 'password'],
  cameras: ['sidebar', 'camera', 'probe', 'clock', 'discovery', 'tamper'],
  connection: ['serviceDown'],
  district: ['district'],
  export: ['export'],
  incidents: ['incident'],
  live: ['tile', 'single', 'rec'],
  officers: ['officer', 'officers', 'role'],
  playback: ['playback'],
  settings: ['settings', 'service'],
  shell: ['app', 'top', 'dialog', 'status', 'list'],
  shifts: ['duration', 'endShift', 'summary', 'report', 'ack', 'banner', 'handovers'],
  storage: ['storage', 'alarm', 'event', 'gap', 'alarmKind'],
};

type ByFolder = Record<string, Record<string, string>>;

function keysInTwoFolders(byFolder: ByFolder): string[] {
  const folderOf = new Map<string, string>();
  const twice: string[] = [];
  for (const [folder, messages] of Object.entries(byFolder)) {
    for (const key of Object.keys(messages)) {
      const earlier = folderOf.get(key);
      if (earlier !== undefined) twice.push(`${key} (${earlier}, ${folder})`);
      folderOf.set(key, folder);
    }
  }
  return twice;
}

function keysOutsideTheirFolder(byFolder: ByFolder): string[] {
  const owner = new Map<string, string>();
  for (const [folder, prefixes] of Object.entries(PREFIXES_BY_FOLDER))
    for (const p of prefixes) owner.set(p, folder);
  const misplaced: string[] = [];
  for (const [folder, messages] of Object.entries(byFolder)) {
    for (const key of Object.keys(messages)) {
      const prefix = key.split('.')[0] ?? key;
      if (!SHARED_PREFIXES.includes(prefix) && owner.get(prefix) !== folder)
        misplaced.push(`${key} in ${folder}`);
    }
  }
  return misplaced;
}

describe('messages per folder', () => {
  it('no key is defined in two folders', () => {
    expect(keysInTwoFolders(viByFolder)).toEqual([]);
    expect(keysInTwoFolders(enByFolder)).toEqual([]);
    const total = Object.values(viByFolder).reduce((n, m) => n + Object.keys(m).length, 0);
    expect(Object.keys(vi)).toHaveLength(total);
  });

  it("each key's prefix names its folder", () => {
    expect(keysOutsideTheirFolder(viByFolder)).toEqual([]);
    expect(keysOutsideTheirFolder(enByFolder)).toEqual([]);
  });

  it('each prefix belongs to one folder only', () => {
    const all = Object.values(PREFIXES_BY_FOLDER).flat();
    expect(new Set(all).size).toBe(all.length);
    for (const p of SHARED_PREFIXES) expect(all).not.toContain(p);
  });

  it('the checks catch a key defined twice or put in the wrong folder', () => {
    expect(
      keysInTwoFolders({ shell: { 'top.live': 'a' }, live: { 'top.live': 'b', 'tile.x': 'c' } }),
    ).toEqual(['top.live (shell, live)']);
    expect(
      keysOutsideTheirFolder({
        live: { 'top.live': 'a', 'tile.x': 'b', 'error.y': 'c' },
        nowhere: { 'zzz.q': 'd' },
      }),
    ).toEqual(['top.live in live', 'zzz.q in nowhere']);
  });
});

describe('translator', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    expect(interpolate('Camera {name} lúc {time}', { name: 'A', time: '14:05' })).toBe(
      'Camera A lúc 14:05',
    );
    expect(interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('switches language', () => {
    expect(createTranslator('vi')('tile.empty')).toBe('Kéo camera vào đây');
    expect(createTranslator('en')('tile.empty')).toBe('Drag a camera here');
  });
});
