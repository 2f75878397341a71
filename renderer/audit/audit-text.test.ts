import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../electron/contract/audit-schemas';
import { createTranslator, isMessageKey } from '../i18n/translate';
import { AUDIT_ACTIONS, auditActionKey, detailsText, namesFor, subjectText } from './audit-text';

const t = createTranslator('vi');
const CAM = '6bb58700-7432-4919-9cb8-61fa9ece90fe';

function entry(over: Partial<AuditEntry>): AuditEntry {
  return {
    seq: 1,
    at: 0,
    officerId: null,
    officerName: null,
    action: 'camera.added',
    subject: null,
    details: {},
    hash: 'h',
    ...over,
  };
}

describe('audit wording', () => {
  it('has Vietnamese words for every action of the contract', () => {
    for (const a of AUDIT_ACTIONS) expect(isMessageKey(auditActionKey(a)), a).toBe(true);
    expect(t(auditActionKey('auth.sign_in_failed'))).toBe('Đăng nhập thất bại');
  });

  it('names known ids, incidents by code, and never shows a bare UUID', () => {
    const names = new Map([['o1', 'Đại úy Nguyễn Văn An']]);
    expect(subjectText('o1', names)).toBe('Đại úy Nguyễn Văn An');
    expect(subjectText('c9', names)).toBe('c9');
    expect(subjectText(CAM, names)).toBe('—');
    expect(subjectText(CAM, names, { code: '2026-0012' })).toBe('2026-0012');
    expect(subjectText(null, names)).toBe('—');
  });

  it('names a removed camera by the name the log recorded for it', () => {
    const names = namesFor(
      [{ id: 'o1', name: 'Đại úy Nguyễn Văn An' }],
      [],
      [
        entry({ seq: 3, action: 'camera.removed', subject: CAM, details: { name: 'Cổng sau' } }),
        entry({ seq: 2, action: 'camera.added', subject: CAM, details: { name: 'Cổng cũ' } }),
      ],
    );
    expect(subjectText(CAM, names)).toBe('Cổng sau');
    expect(names.get('o1')).toBe('Đại úy Nguyễn Văn An');
  });

  it('joins labelled details and keeps them bounded', () => {
    const ctx = { t, language: 'vi' as const, names: new Map([['o1', 'Đại úy Nguyễn Văn An']]) };
    expect(detailsText({ officerId: 'o1', active: false, transport: 'ws', note: null }, ctx)).toBe(
      // An empty value alone is left out ("Thông tin khác: —" would say nothing).
      'Cán bộ: Đại úy Nguyễn Văn An · Đang hoạt động: không',
    );
    const text = detailsText({ description: 'x'.repeat(1000) }, ctx, 50);
    expect(text).toHaveLength(50);
    expect(text.endsWith('…')).toBe(true);
  });
});
