import { messageBody, OrderNotice } from './order-notifier';

const notice: OrderNotice = {
  kind: 'placed',
  orderId: 'id',
  number: 'O-ABCD-EFGHJ',
  customerName: 'Ada',
  customerEmail: 'ada@example.com',
  locationName: 'Central store',
};

describe('customer messages', () => {
  it('names the order and the store', () => {
    expect(messageBody(notice)).toContain('O-ABCD-EFGHJ');
    expect(messageBody(notice)).toContain('Central store');
    expect(messageBody(notice)).toContain('Hello Ada');
  });

  it('says until when a ready order is kept', () => {
    const body = messageBody({ ...notice, kind: 'ready', expiresAt: new Date('2030-01-02T10:00:00.000Z') });
    expect(body).toContain('ready');
    expect(body).toContain('2030-01-02T10:00:00.000Z');
  });

  it('lists what could not be found', () => {
    const body = messageBody({ ...notice, kind: 'line_cancelled', lines: [{ sku: 'MUG-1', missing: 2 }] });
    expect(body).toContain('2 × MUG-1');
  });

  it('has words for expiry and cancellation', () => {
    expect(messageBody({ ...notice, kind: 'expired' })).toContain('not collected in time');
    expect(messageBody({ ...notice, kind: 'cancelled' })).toContain('cancelled');
  });
});
