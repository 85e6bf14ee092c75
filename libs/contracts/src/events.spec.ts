import { SeqTracker } from './events';

const at = (locationId: string, seq: number) => ({ locationId, seq });

describe('SeqTracker', () => {
  it('applies the next event, drops repeats and reports gaps, per location', () => {
    const tracker = new SeqTracker({ A: 4 });
    expect(tracker.offer(at('A', 5))).toBe('new');
    expect(tracker.offer(at('A', 5))).toBe('seen');
    expect(tracker.offer(at('A', 3))).toBe('seen');
    expect(tracker.offer(at('A', 7))).toBe('gap');
    expect(tracker.lastSeq('A')).toBe(5);
    expect(tracker.offer(at('B', 1))).toBe('new');
    expect(tracker.lastSeq('B')).toBe(1);
  });

  it('takes from a resume answer only what was not applied, in seq order', () => {
    const tracker = new SeqTracker({ A: 2 });
    const missed = tracker.takeMissed([at('A', 4), at('A', 2), at('A', 3), at('A', 5)]);
    expect(missed.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(tracker.takeMissed([at('A', 5)])).toEqual([]);
    expect(tracker.lastSeq('A')).toBe(5);
  });
});
