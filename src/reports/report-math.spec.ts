import { localDate, minutesBetween, percentile, ratio } from './report-math';

describe('report math', () => {
  it('puts an instant on the local day of the store, across midnight and DST', () => {
    expect(localDate('2026-12-04T23:30:00.000Z', 'Europe/Amsterdam')).toBe('2026-12-05');
    expect(localDate('2026-12-04T22:59:59.999Z', 'Europe/Amsterdam')).toBe('2026-12-04');
    expect(localDate('2026-03-29T22:30:00.000Z', 'Europe/Amsterdam')).toBe('2026-03-30');
    expect(localDate('2026-12-05T03:00:00.000Z', 'America/New_York')).toBe('2026-12-04');
  });

  it('takes nearest-rank percentiles of values that occurred', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([40, 10, 30, 20], 50)).toBe(20);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });

  it('divides shares to four decimals and says null for nothing', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 0)).toBeNull();
    expect(minutesBetween('2026-12-04T10:00:00.000Z', '2026-12-04T11:30:30.000Z')).toBe(90.5);
  });
});
