import { describe, expect, it } from 'vitest';
import { normalizeDateText, parseJump } from './jump-to-time';

const NOW = Date.UTC(2025, 5, 5, 10, 0, 0);

describe('parseJump', () => {
  it('reads dd/MM/yyyy and yyyy-MM-dd with HH:mm[:ss] in station time', () => {
    // 05/06/2025 14:30:15 in Vietnam = 07:30:15 UTC.
    expect(parseJump('05/06/2025', '14:30:15', NOW)).toEqual({
      ms: Date.UTC(2025, 5, 5, 7, 30, 15),
    });
    expect(parseJump('2025-06-05', '14:30', NOW)).toEqual({ ms: Date.UTC(2025, 5, 5, 7, 30, 0) });
  });

  it('names the wrong field', () => {
    expect(parseJump('5 June', '14:30', NOW)).toEqual({ error: 'date' });
    expect(parseJump('31/02/2025', '14:30', NOW)).toEqual({ error: 'date' });
    expect(parseJump('05/06/2025', '2pm', NOW)).toEqual({ error: 'time' });
    expect(parseJump('05/06/2025', '25:00', NOW)).toEqual({ error: 'time' });
    expect(parseJump('05/06/2025', '17:00:01', NOW)).toEqual({ error: 'future' });
  });

  it('turns the calendar value into the typed form', () => {
    expect(normalizeDateText('2025-6-5')).toBe('05/06/2025');
    expect(normalizeDateText(' 05/06/2025 ')).toBe('05/06/2025');
  });
});
