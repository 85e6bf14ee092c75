import { ApiError } from '../../shared/api';
import { problemText, t } from './i18n';

/** A flash sale's refusals of an order, in the words a shopper needs (what happened, what now). */
export function flashRefusal(failure: unknown): string {
  if (!(failure instanceof ApiError)) return problemText(failure);
  const m = t().flash;
  switch (failure.code) {
    case 'LIMIT_PER_CUSTOMER':
      return m.limitReached(failure.detailsOf('LIMIT_PER_CUSTOMER')?.limit ?? 1);
    case 'SOLD_OUT':
      return m.soldOutWhileChecking;
    case 'ADMISSION_REQUIRED':
      return m.turnSpent;
    case 'SALE_NOT_STARTED':
      return m.saleNotStarted;
    case 'SALE_ENDED':
      return m.ended;
    default:
      return problemText(failure);
  }
}
