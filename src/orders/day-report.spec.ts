import { localDay } from './day-report';

describe('localDay', () => {
  it('runs from local midnight to local midnight, in UTC', () => {
    expect(localDay('Europe/Amsterdam', '2026-12-04')).toEqual({
      date: '2026-12-04',
      from: '2026-12-03T23:00:00.000Z',
      to: '2026-12-04T23:00:00.000Z',
    });
  });

  it('is 23 hours long on the day the clocks go forward', () => {
    const day = localDay('Europe/Amsterdam', '2026-03-29');
    expect(day).toMatchObject({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });

  it('without a date is today where the store is', () => {
    // 23:30 UTC on 4 December is already 5 December in Amsterdam.
    expect(localDay('Europe/Amsterdam', undefined, new Date('2026-12-04T23:30:00Z')).date).toBe('2026-12-05');
  });
});
