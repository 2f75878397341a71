import { describe, expect, it } from 'vitest';
import type { AuditDetails } from '../../electron/contract/audit-schemas';
import { createTranslator } from '../i18n/translate';
import { detailLines, type DetailContext } from './audit-details';

const ctx: DetailContext = {
  t: createTranslator('vi'),
  language: 'vi',
  names: new Map([
    ['off-1', 'Thiếu úy Nguyễn Văn An'],
    ['cam-1', 'Cổng chợ'],
  ]),
};
const UUID = '6bb58700-7432-4919-9cb8-61fa9ece90fe';
// 2026-12-07 00:30 station time (UTC+7).
const AT = Date.UTC(2026, 11, 6, 17, 30, 0);

const text = (d: AuditDetails) =>
  detailLines(d, ctx)
    .map((l) => `${l.label}: ${l.value}`)
    .join(' · ');

/** What a raw code, an English key, a UUID or an epoch number would look like. */
const RAW = /[a-z]+[A-Z][a-zA-Z]*|[a-z]+_[a-z_]+|[0-9a-f]{8}-[0-9a-f]{4}|\d{10,13}/;

describe('audit details in words', () => {
  it('shows a sign-in as labels, never supervision or a shift id', () => {
    const shown = text({ shiftId: UUID, supervision: true, transport: 'ws' });
    expect(shown).toBe('Phiên giám sát của chỉ huy: có');
  });

  it('shows times as vi-VN dates and sizes in units', () => {
    expect(text({ fromMs: AT, toMs: AT + 60_000 })).toBe(
      'Từ: 07/12/2026 00:30:00 · Đến: 07/12/2026 00:31:00',
    );
    expect(text({ bytes: 1536 * 1024 * 1024, files: 12 })).toBe('Dung lượng: 1,5 GB · Số tệp: 12');
  });

  it('shows codes as their words', () => {
    expect(text({ code: '2026-0012', category: 'theft', cameras: `cam-1,${UUID}` })).toBe(
      'Mã vụ việc: 2026-0012 · Loại vụ việc: Trộm cắp tài sản · Camera: Cổng chợ, Camera đã xóa',
    );
    expect(text({ reason: 'replaced_by_sign_in' })).toBe('Lý do: Cán bộ khác đăng nhập');
    expect(text({ reason: 'Mất điện cả khu' })).toBe('Lý do: Mất điện cả khu');
    expect(text({ error: 'destination_full' })).toBe('Lỗi: Nơi lưu đã đầy');
    expect(text({ fields: 'category,startMs' })).toBe('Mục đã sửa: Loại vụ việc, Bắt đầu');
    expect(text({ kind: 'percent', value: 80 })).toBe(
      'Giới hạn dung lượng theo: % dung lượng ổ · Mức giới hạn: 80',
    );
    expect(text({ stream: 'sub', language: 'en' })).toBe(
      'Luồng ghi hình: Luồng phụ · Ngôn ngữ: Tiếng Anh',
    );
  });

  it('shows a handover acknowledgement with the outgoing officer and both ends of the checksum', () => {
    const hash = '8df316fde809592d5650622bfbcf6a62369556911641a442d5ecf5e408266f38';
    expect(text({ shiftId: UUID, outgoingOfficerId: 'off-1', contentHash: hash })).toBe(
      'Cán bộ giao ca: Thiếu úy Nguyễn Văn An · Mã kiểm tra biên bản (SHA-256): 8df316fd…08266f38',
    );
  });

  it('joins a field before and after into one line', () => {
    expect(
      text({
        'role.from': 'duty',
        'role.to': 'commander',
        'rank.from': 'Thiếu úy',
        'rank.to': 'Trung úy',
      }),
    ).toBe('Vai trò: Cán bộ trực ban → Chỉ huy · Cấp bậc: Thiếu úy → Trung úy');
  });

  it('leaves no raw key, id or epoch in what every action of the station writes', () => {
    const samples: AuditDetails[] = [
      { fullName: 'Nguyễn Văn An', rank: 'Thiếu úy', badgeNumber: '123', role: 'duty' },
      { reason: 'bad_password', attemptedId: UUID },
      { reason: 'too_many_attempts' },
      { reason: 'idle' },
      { reason: 'expired' },
      { shiftId: null, supervision: false, transport: 'ipc' },
      { reason: 'replaced', officerId: 'off-1', handoverId: UUID },
      { reason: 'handover', handoverId: UUID },
      { fromMs: AT, toMs: AT + 600_000 },
      {
        exportId: UUID,
        incident: '2026-0012',
        cameras: 'Cổng chợ, Ngã tư',
        fromMs: AT,
        toMs: AT + 1,
        folder: '/media/usb/VV-2026-0012',
        files: 3,
        bytes: 12345678,
        manifestSha256: 'ab'.repeat(32),
        sumsSha256: null,
        error: 'remux_failed',
        reason: 'interrupted',
      },
      { ok: false, checked: 1234567, firstBadSeq: 12, problem: 'head_mismatch' },
      { triggers: 'audit_log_no_update,audit_log_no_delete' },
      { code: '2026-0012', category: 'traffic_accident', cameras: UUID },
      { code: '2026-0012', cameras: 'cam-1', startMs: AT, endMs: AT + 1 },
      { code: '2026-0012', fields: 'severity,cameraIds,endMs' },
      { code: '2026-0012', reason: 'Đã xử lý xong', locks: 2 },
      { code: '2026-0012', snapshotId: UUID, sha256: 'cd'.repeat(32), bytes: 40_000 },
      { name: 'Cổng chợ', url: 'rtsp://192.168.1.64:554/Streaming/Channels/101' },
      { recorder: '192.168.1.10', vendor: 'dahua', channels: 4 },
      { fields: 'name,mainUrl,enabled', passwordChanged: true },
      { language: 'vi', alertMuted: true, tourIntervalSec: 10, lastLayoutId: UUID },
      { stationName: 'Công an phường', idleLockMinutes: 15, incidentBeforeSec: 60 },
      { enabled: false, stream: 'main', maxAgeDays: 30 },
      { kind: 'gb', value: 500 },
      { reason: 'abnormal-exit', exitCode: 1, transport: 'ipc' },
      { 'active.from': true, 'active.to': false, 'badgeNumber.from': '1', 'badgeNumber.to': '2' },
    ];
    for (const d of samples) {
      const shown = detailLines(d, ctx);
      for (const l of shown) {
        expect(`${l.label}: ${l.value}`, JSON.stringify(d)).not.toMatch(RAW);
        expect(l.label, JSON.stringify(d)).not.toBe('Thông tin khác');
      }
    }
  });
});

describe('audit details of camera alarms, clocks and tamper settings', () => {
  it('says which alarm was acknowledged, in words', () => {
    // As the tamper handler writes it: the camera's name and the kind.
    expect(text({ camera: 'Ngõ 12 Hàng Bạc', kind: 'black' })).toBe(
      'Camera: Ngõ 12 Hàng Bạc · Loại cảnh báo: Mất hình – màn hình đen',
    );
    const shown = text({ alarmId: 12, cameraId: 'cam-1', kind: 'covered', source: 'detector' });
    expect(shown).toBe(
      'Mã cảnh báo: 12 · Camera: Cổng chợ · Loại cảnh báo: Camera bị che/mờ · Nguồn phát hiện: Máy trạm phân tích hình',
    );
  });

  it('shows a set clock as the offset before and after, not as dates', () => {
    const shown = text({
      cameraId: 'cam-1',
      'offsetMs.from': 7_203_000,
      'offsetMs.to': -400,
      switchFromNtp: true,
      tz: 'ICT-7',
    });
    expect(shown).toBe(
      'Camera: Cổng chợ · Độ lệch giờ: +2 giờ 0 phút → 0 giây · Tắt NTP trên camera: có · Múi giờ: ICT-7',
    );
    expect(shown).not.toMatch(RAW);
  });

  it('pairs the before/after clock reading into one line per field', () => {
    const shown = text({
      beforeOffsetMs: 7_203_000,
      beforeTz: 'GMT0',
      beforeNtp: true,
      afterOffsetMs: 400,
      afterTz: 'ICT-7',
      switchedFromNtp: true,
    });
    expect(shown).toBe(
      'Độ lệch giờ: +2 giờ 0 phút → 0 giây · Múi giờ: GMT0 → ICT-7 · Lấy giờ qua NTP: có → — · Đã tắt NTP trên camera: có',
    );
  });

  it('names each changed tamper check and its setting, thresholds in percent', () => {
    const shown = text({
      cameraId: 'cam-1',
      'covered.threshold.from': 0.35,
      'covered.threshold.to': 0.5,
      'frozen.enabled.from': true,
      'frozen.enabled.to': false,
      slot: 'colour',
    });
    expect(shown).toBe(
      'Camera: Cổng chợ · Bị che/mờ – Ngưỡng: 35 % → 50 % · Hình bị đứng – Bật: có → không · Ảnh chuẩn: Ban ngày (màu)',
    );
    // As the tamper handler writes it: only the new values.
    expect(text({ 'scene.holdSeconds': 6, 'black.threshold': 0.9 })).toBe(
      'Bị xoay/đổi cảnh – Thời gian giữ (giây): 6 · Màn hình đen – Ngưỡng: 90 %',
    );
  });
});
