import { AppError } from './app-error';

/**
 * The details of an error have the shape the contract names for its code. The @ts-expect-error lines
 * are checked by `npm run lint` (tsc): should a wrong shape ever compile, the directive itself fails.
 */
describe('AppError details', () => {
  it('answers the details of its code in the contract shape', () => {
    const error = new AppError('INSUFFICIENT_STOCK', 'Not enough stock for A', {
      locationId: 'loc-1',
      lines: [{ sku: 'A', requested: 3, available: 1 }],
    });
    expect(error.toBody()).toEqual({
      statusCode: 409,
      code: 'INSUFFICIENT_STOCK',
      message: 'Not enough stock for A',
      details: { locationId: 'loc-1', lines: [{ sku: 'A', requested: 3, available: 1 }] },
    });
  });

  it('refuses at compile time a details shape its code does not name', () => {
    const wrong = [
      // @ts-expect-error INSUFFICIENT_STOCK lists the short lines, not one SKU.
      new AppError('INSUFFICIENT_STOCK', 'short', { sku: 'A', available: 1 }),
      // @ts-expect-error PICKUP_CODE_INVALID counts attempts as a number.
      new AppError('PICKUP_CODE_INVALID', 'wrong code', { attemptsLeft: '4', locked: false }),
      // @ts-expect-error UNAUTHENTICATED carries no details.
      new AppError('UNAUTHENTICATED', 'sign in', { userId: 'u-1' }),
      // @ts-expect-error NOT_FOUND names what was looked for by a known key.
      AppError.notFound('Order', { order: 'o-1' }),
    ];
    expect(wrong.map((error) => error.getStatus())).toEqual([409, 422, 401, 404]);
  });
});
