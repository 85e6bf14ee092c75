import { adjustmentProblem } from './adjustment-rules';

describe('adjustmentProblem', () => {
  it('wants exactly one of delta and onHand', () => {
    expect(adjustmentProblem({ reason: 'count' })).toMatchObject({ field: 'delta' });
    expect(adjustmentProblem({ reason: 'count', delta: 1, onHand: 3 })).toMatchObject({ field: 'delta' });
    expect(adjustmentProblem({ reason: 'count', onHand: 0 })).toBeNull();
    expect(adjustmentProblem({ reason: 'count', delta: -2 })).toBeNull();
  });

  it('lets deliveries and returns add only, damage remove only', () => {
    expect(adjustmentProblem({ reason: 'receive', delta: 5 })).toBeNull();
    expect(adjustmentProblem({ reason: 'receive', delta: -5 })).toMatchObject({
      error: 'must be positive for receive',
    });
    expect(adjustmentProblem({ reason: 'return', delta: -1 })).not.toBeNull();
    expect(adjustmentProblem({ reason: 'damage', delta: -1 })).toBeNull();
    expect(adjustmentProblem({ reason: 'damage', delta: 1 })).toMatchObject({
      error: 'must be negative for damage',
    });
    expect(adjustmentProblem({ reason: 'correction', delta: 1 })).toBeNull();
    expect(adjustmentProblem({ reason: 'correction', delta: -1 })).toBeNull();
  });
});
