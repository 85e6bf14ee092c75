import { MAX_NEARBY, nearbyOf, PlaceInfo, unitForSale } from './scan-view';

const place = (id: string, overrides: Partial<PlaceInfo> = {}): [string, PlaceInfo] => [
  id,
  { id, name: `Place ${id}`, type: 'store', pickupEnabled: true, ...overrides },
];

describe('nearbyOf', () => {
  it('lists other reachable places with stock, in the order given, with their names', () => {
    const places = new Map([
      place('here'),
      place('a'),
      place('empty'),
      place('warehouse', { type: 'warehouse', pickupEnabled: false }),
      place('pickup-hub', { type: 'warehouse', pickupEnabled: true }),
      place('no-pickup-store', { pickupEnabled: false }),
    ]);
    const nearby = nearbyOf(
      'here',
      [
        { locationId: 'here', available: 5, pickup: true, distanceKm: 0 },
        { locationId: 'a', available: 2, pickup: true, distanceKm: 1.5 },
        { locationId: 'empty', available: 0, pickup: true, distanceKm: 2 },
        { locationId: 'warehouse', available: 50, pickup: false, distanceKm: 3 },
        { locationId: 'pickup-hub', available: 7, pickup: true, distanceKm: 4 },
        { locationId: 'no-pickup-store', available: 1, pickup: false },
        { locationId: 'unknown', available: 9, pickup: true, distanceKm: 5 },
      ],
      places,
    );
    expect(nearby).toEqual([
      { locationId: 'a', name: 'Place a', available: 2, distanceKm: 1.5, pickup: true },
      { locationId: 'pickup-hub', name: 'Place pickup-hub', available: 7, distanceKm: 4, pickup: true },
      {
        locationId: 'no-pickup-store',
        name: 'Place no-pickup-store',
        available: 1,
        distanceKm: null,
        pickup: false,
      },
    ]);
  });

  it('stops at the few a phone screen shows', () => {
    const ids = Array.from({ length: MAX_NEARBY + 5 }, (_, i) => `s${i}`);
    const nearby = nearbyOf(
      'here',
      ids.map((id, i) => ({ locationId: id, available: 1, pickup: true, distanceKm: i })),
      new Map(ids.map((id) => place(id))),
    );
    expect(nearby.map((n) => n.locationId)).toEqual(ids.slice(0, MAX_NEARBY));
  });
});

describe('unitForSale', () => {
  it('is only about serial tags', () => {
    expect(unitForSale({ serial: '', unit_sold_at: null }, 3)).toBeUndefined();
  });

  it('needs the unit unsold and stock available here', () => {
    expect(unitForSale({ serial: 'SN1', unit_sold_at: null }, 1)).toBe(true);
    expect(unitForSale({ serial: 'SN1', unit_sold_at: null }, 0)).toBe(false);
    expect(unitForSale({ serial: 'SN1', unit_sold_at: '2026-01-01T00:00:00.000Z' }, 4)).toBe(false);
  });
});
