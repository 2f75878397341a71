import { describe, expect, it } from 'vitest';
import { createTranslator, isMessageKey } from '../i18n/translate';
import { AUDIT_ACTIONS, auditActionKey, detailsText, subjectText } from './audit-text';

const t = createTranslator('vi');

describe('audit wording', () => {
  it('has Vietnamese words for every action of the contract', () => {
    for (const a of AUDIT_ACTIONS) expect(isMessageKey(auditActionKey(a)), a).toBe(true);
    expect(t(auditActionKey('auth.sign_in_failed'))).toBe('Đăng nhập thất bại');
  });

  it('names known ids and keeps the rest', () => {
    const names = new Map([['o1', 'Đại úy Nguyễn Văn An']]);
    expect(subjectText('o1', names)).toBe('Đại úy Nguyễn Văn An');
    expect(subjectText('c9', names)).toBe('c9');
    expect(subjectText('6bb58700-7432-4919-9cb8-61fa9ece90fe', names)).toBe('6bb58700…');
    expect(subjectText(null, names)).toBe('—');
    expect(
      detailsText(
        { officerId: 'o1', active: false, count: 3, note: null, path: '', transport: 'ws' },
        names,
        t,
      ),
    ).toBe('officerId: Đại úy Nguyễn Văn An · active: không · count: 3 · note: — · path: —');
  });

  it('keeps long details bounded', () => {
    const text = detailsText({ description: 'x'.repeat(1000) }, new Map(), t, 50);
    expect(text).toHaveLength(50);
    expect(text.endsWith('…')).toBe(true);
  });
});
