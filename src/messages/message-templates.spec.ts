import type { CustomerMessageKind } from '@o2o/contracts';
import type { MessageFacts } from './message-facts';
import { MessageStore, renderMessage } from './message-templates';

const store: MessageStore = {
  name: 'Grachten Goods Kalverstraat',
  address: { line1: 'Kalverstraat 92', city: 'Amsterdam', postalCode: '1012 PH', country: 'NL' },
  timezone: 'Europe/Amsterdam',
  openingHours: { mon: [['12:00', '18:00']], thu: [['10:00', '21:00']], sun: [] },
};

const facts: MessageFacts = {
  orderNumber: 'O-ABCD-EFGHJ',
  customerName: 'Ada <script>',
  locationId: 'loc',
  fulfillment: 'pickup',
  orderUrl: 'https://shop.example/shop/orders/id?token=t',
  lines: [{ title: 'Blue mug', qty: 2, unitAmount: 1250 }],
  total: { amount: 2500, currency: 'EUR' },
  pickup: { code: 'K7M9QX', qrText: 'pickup:id:K7M9QX' },
  readyBy: '2026-12-02T09:00:00.000Z',
  expiresAt: '2026-12-03T20:00:00.000Z',
};

const KINDS: CustomerMessageKind[] = [
  'order_placed',
  'ready_for_pickup',
  'pickup_reminder',
  'order_expired',
  'order_cancelled',
  'order_shipped',
  'refund_issued',
  'receipt',
  'line_cancelled',
];

describe('message templates', () => {
  it.each(KINDS.flatMap((kind) => (['nl', 'en'] as const).map((locale) => [kind, locale] as const)))(
    '%s in %s: subject, both parts, the retailer, the store and the order link',
    (kind, locale) => {
      const mail = renderMessage(kind, facts, locale, store, 'Grachten Goods');
      expect(mail.subject).toContain('Grachten Goods');
      for (const part of [mail.text, mail.html]) {
        expect(part).toContain('O-ABCD-EFGHJ');
        expect(part).toContain('Kalverstraat 92');
        expect(part).toContain('https://shop.example/shop/orders/id?token=t');
      }
    },
  );

  it('hands over the code and QR only in the messages that send the customer to the store', () => {
    const ready = renderMessage('ready_for_pickup', facts, 'en', store, 'Grachten Goods');
    expect(ready.text).toContain('Your pickup code: K7M9QX');
    expect(ready.html).toContain('cid:pickup-qr');
    expect(ready.qrText).toBe('pickup:id:K7M9QX');
    const placed = renderMessage('order_placed', facts, 'en', store, 'Grachten Goods');
    expect(placed.text).not.toContain('K7M9QX');
    expect(placed.qrText).toBeUndefined();
  });

  it('writes Dutch dates, times and money for a Dutch reader in the store zone', () => {
    const ready = renderMessage('ready_for_pickup', facts, 'nl', store, 'Grachten Goods');
    // 20:00 UTC is 21:00 in Amsterdam in December.
    expect(ready.text).toContain('tot donderdag 3 december om 21:00');
    expect(ready.text).toMatch(/€\s?25,00/);
    expect(ready.text).toContain('donderdag 10:00–21:00');
    expect(ready.text).toContain('zondag gesloten');
    const placed = renderMessage('order_placed', facts, 'en', store, 'Grachten Goods');
    expect(placed.text).toContain('by Wednesday 2 December at 10:00');
    expect(placed.text).toContain('€25.00');
  });

  it("names a shipment's fee beside its lines, so that they add up to the total", () => {
    const shipped = { ...facts, fulfillment: 'ship' as const, pickup: undefined, readyBy: null };
    const paid = renderMessage(
      'order_placed',
      { ...shipped, shippingFee: 495 },
      'nl',
      store,
      'Grachten Goods',
    );
    expect(paid.text).toMatch(/Verzendkosten {2}€\s?4,95/);
    expect(paid.html).toMatch(/Verzendkosten {2}€\s?4,95/);
    // A parcel's customer never comes to the store: no store address or hours to read past.
    for (const part of [paid.text, paid.html]) {
      expect(part).not.toContain(store.address.line1);
      expect(part).not.toContain('donderdag 10:00');
    }
    expect(renderMessage('order_placed', facts, 'nl', store, 'Grachten Goods').text).toContain(
      store.address.line1,
    );
    const free = renderMessage('order_placed', { ...shipped, shippingFee: 0 }, 'en', store, 'Grachten Goods');
    expect(free.text).toContain('Shipping  free');
    expect(renderMessage('order_placed', facts, 'en', store, 'Grachten Goods').text).not.toContain(
      'Shipping',
    );
  });

  it('escapes what customers typed in the HTML part', () => {
    const mail = renderMessage('order_placed', facts, 'en', store, 'Grachten Goods');
    expect(mail.html).toContain('Ada &lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
  });
});
