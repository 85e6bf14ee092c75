import type { AdjustmentReason } from '@o2o/contracts';

/** The most units one request may move: a typo guard, far above any real delivery. */
export const MAX_QTY = 1_000_000;

export interface AdjustmentInput {
  reason: AdjustmentReason;
  delta?: number;
  onHand?: number;
}

/** Which way a reason may move stock when given as a delta; count and correction go either way. */
const DIRECTION: Record<AdjustmentReason, 'in' | 'out' | 'either'> = {
  receive: 'in',
  return: 'in',
  damage: 'out',
  count: 'either',
  correction: 'either',
};

/**
 * What is wrong with an adjustment request beyond its field types, or null: exactly one of delta and
 * onHand, and a delta that goes the way its reason says (a delivery adds, damage removes).
 */
export function adjustmentProblem(input: AdjustmentInput): { field: string; error: string } | null {
  const hasDelta = input.delta !== undefined;
  const hasOnHand = input.onHand !== undefined;
  if (hasDelta === hasOnHand) return { field: 'delta', error: 'give either delta or onHand, not both' };
  if (!hasDelta) return null;
  const direction = DIRECTION[input.reason];
  if (direction === 'in' && input.delta! < 0) {
    return { field: 'delta', error: `must be positive for ${input.reason}` };
  }
  if (direction === 'out' && input.delta! > 0) {
    return { field: 'delta', error: `must be negative for ${input.reason}` };
  }
  return null;
}
