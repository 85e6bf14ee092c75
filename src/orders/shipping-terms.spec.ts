import type { ShippingConfig } from '../config/config';
import { deliveryEstimateOf, shippingFeeOf } from './shipping-terms';

const terms: ShippingConfig = { feeAmount: 495, freeFromAmount: 5000, cutoff: '15:00', transitDays: [1, 2] };
const AMSTERDAM = 'Europe/Amsterdam';

describe('shippingFeeOf', () => {
  it('charges the fee below the free threshold and nothing from it', () => {
    expect(shippingFeeOf(4999, terms)).toBe(495);
    expect(shippingFeeOf(5000, terms)).toBe(0);
  });

  it('always charges when free shipping is off', () => {
    expect(shippingFeeOf(1_000_000, { ...terms, freeFromAmount: null })).toBe(495);
  });
});

describe('deliveryEstimateOf', () => {
  it('leaves today before the cut-off (local time) and arrives 1-2 business days later', () => {
    // Tuesday 1 Dec 2026, 14:59 in Amsterdam (13:59 UTC).
    expect(deliveryEstimateOf(new Date('2026-12-01T13:59:00Z'), AMSTERDAM, terms)).toEqual({
      from: '2026-12-02',
      to: '2026-12-03',
    });
  });

  it('leaves the next business day after the cut-off', () => {
    // Tuesday 15:00 in Amsterdam.
    expect(deliveryEstimateOf(new Date('2026-12-01T14:00:00Z'), AMSTERDAM, terms)).toEqual({
      from: '2026-12-03',
      to: '2026-12-04',
    });
  });

  it('skips the weekend: ordered Friday evening or Saturday, it leaves Monday', () => {
    const friday = deliveryEstimateOf(new Date('2026-12-04T18:00:00Z'), AMSTERDAM, terms);
    const saturday = deliveryEstimateOf(new Date('2026-12-05T09:00:00Z'), AMSTERDAM, terms);
    expect(friday).toEqual({ from: '2026-12-08', to: '2026-12-09' });
    expect(saturday).toEqual(friday);
  });

  it("counts in the location's own day: 00:30 Wednesday in Amsterdam is still Tuesday in UTC", () => {
    expect(deliveryEstimateOf(new Date('2026-12-01T23:30:00Z'), AMSTERDAM, terms)).toEqual({
      from: '2026-12-03',
      to: '2026-12-04',
    });
  });
});
