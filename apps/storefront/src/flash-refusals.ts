import { ApiError, describeError } from '../../shared/api';

/** A flash sale's refusals of an order, in the words a shopper needs (what happened, what now). */
export function flashRefusal(failure: unknown): string {
  if (!(failure instanceof ApiError)) return describeError(failure);
  switch (failure.code) {
    case 'LIMIT_PER_CUSTOMER':
      return `Limit reached: this sale sells at most ${String(failure.detailsOf('LIMIT_PER_CUSTOMER')?.limit ?? 1)} per customer, and this email has bought that many already.`;
    case 'SOLD_OUT':
      return 'Sold out: the last units went while you were checking out.';
    case 'ADMISSION_REQUIRED':
      return 'Your turn has passed: each turn buys once, within a few minutes.';
    case 'SALE_NOT_STARTED':
      return 'The sale has not started yet.';
    case 'SALE_ENDED':
      return 'This sale has ended.';
    default:
      return describeError(failure);
  }
}
