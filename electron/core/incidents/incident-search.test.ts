import { describe, expect, it } from 'vitest';
import { matchExpression, searchBody } from './incident-search';

describe('matchExpression', () => {
  it('turns each folded word into a quoted prefix term', () => {
    expect(matchExpression('Trộm  cắp')).toBe('"trom"* AND "cap"*');
    expect(matchExpression('đường')).toBe('"duong"*');
  });

  it('keeps FTS operators and punctuation out of the expression', () => {
    expect(matchExpression('NEAR(trom OR cap)')).toBe('"near"* AND "trom"* AND "or"* AND "cap"*');
    expect(matchExpression('"trộm*: -cắp^')).toBe('"trom"* AND "cap"*');
    expect(matchExpression('"*:(-')).toBeNull();
    expect(matchExpression('   ')).toBeNull();
  });

  it('bounds the number of terms', () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(matchExpression(many)?.split(' AND ')).toHaveLength(16);
  });
});

describe('searchBody', () => {
  it('folds the code, category words, place, description, camera and officer names together', () => {
    expect(
      searchBody({
        code: '2026-0007',
        category: 'traffic_accident',
        location: 'Ngã tư Đường Láng',
        description: 'Va chạm\nxe máy',
        cameraNames: ['Cổng chính'],
        officerNames: ['Đỗ Thị Hà'],
      }),
    ).toBe(
      '2026-0007 tai nan giao thong traffic accident nga tu duong lang va cham xe may cong chinh do thi ha',
    );
  });
});
