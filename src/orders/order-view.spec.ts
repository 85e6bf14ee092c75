import type { AuthUser } from '../common/request-context';
import { hashToken } from './order-codes';
import { totalOf, viewerOf } from './order-view';
import { Order } from './order.entity';

const token = 'guest-token';
const order = (overrides: Partial<Order> = {}) =>
  Object.assign(new Order(), {
    id: 'o1',
    locationId: 'store-1',
    fulfillmentType: 'pickup',
    customerUserId: 'cust-1',
    tokenHash: hashToken(token),
    ...overrides,
  });
const user = (role: AuthUser['role'], id = 'u', locationIds: string[] = []): AuthUser => ({
  id,
  email: `${id}@x`,
  role,
  locationIds,
});

describe('who sees an order', () => {
  it('shows it to staff of its location, admins, its customer and its token', () => {
    expect(viewerOf(order(), user('clerk', 'c', ['store-1']), null)).toBe('staff');
    expect(viewerOf(order(), user('admin'), null)).toBe('staff');
    expect(viewerOf(order(), user('customer', 'cust-1'), null)).toBe('customer');
    expect(viewerOf(order(), undefined, hashToken(token))).toBe('customer');
  });

  it('hides it from everyone else', () => {
    expect(viewerOf(order(), user('clerk', 'c', ['store-2']), null)).toBeNull();
    expect(viewerOf(order(), user('customer', 'someone-else'), null)).toBeNull();
    expect(viewerOf(order(), undefined, hashToken('another token'))).toBeNull();
    expect(viewerOf(order(), undefined, null)).toBeNull();
  });

  it('keeps counter sales to staff of that store', () => {
    const sale = order({ fulfillmentType: 'instore' });
    expect(viewerOf(sale, undefined, hashToken(token))).toBeNull();
    expect(viewerOf(sale, user('customer', 'cust-1'), null)).toBeNull();
    expect(viewerOf(sale, user('manager', 'm', ['store-1']), null)).toBe('staff');
  });
});

describe('order total', () => {
  it('sums the lines still on the order', () => {
    expect(
      totalOf([
        { qty: 2, unitPriceAmount: 500, status: 'ok' },
        { qty: 1, unitPriceAmount: 300, status: 'short' },
        { qty: 4, unitPriceAmount: 999, status: 'cancelled' },
      ]),
    ).toBe(1300);
  });
});
