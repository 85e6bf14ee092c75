import { useEffect, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import { api } from '../../shared/api';
import {
  AVAILABILITY_CHANGED_EVENT,
  SHOP_NAMESPACE,
  VARIANT_UPDATED_EVENT,
  type AvailabilityView,
  type Money,
  type VariantView,
  type ShopClientEvents,
  type ShopServerEvents,
} from '@o2o/contracts';

type ShopSocket = Socket<ShopServerEvents, ShopClientEvents>;

let shared: ShopSocket | null = null;
/** The one /shop socket of the page, shared by every live figure on it. */
export function shopSocket(): ShopSocket {
  shared ??= io(SHOP_NAMESPACE, { reconnectionDelayMax: 5000 });
  return shared;
}

/**
 * Live availability of some SKUs: the `watch` answer gives the figures now, `availability.changed`
 * keeps them current, and every reconnect watches again (which re-reads the figures), so a phone
 * that slept shows the truth when it wakes.
 */
export function useLiveAvailability(skus: string[], initial: AvailabilityView[] | null) {
  const [views, setViews] = useState<AvailabilityView[] | null>(initial);
  const key = skus.join('\n');
  useEffect(() => setViews(initial), [initial]);
  useEffect(() => {
    if (!skus.length) return;
    const s = shopSocket();
    const watch = () =>
      s.emit('watch', { skus }, (answer) => {
        if (answer.ok) setViews((current) => withFigures(current, answer.availability));
      });
    const onChange = (change: { sku: string; locationId: string; available: number; online: number }) => {
      setViews(
        (current) =>
          current?.map((view) =>
            view.sku !== change.sku
              ? view
              : {
                  ...view,
                  online: change.online,
                  locations: upsertLocation(view.locations, change.locationId, change.available),
                },
          ) ?? current,
      );
    };
    s.on('connect', watch);
    s.on(AVAILABILITY_CHANGED_EVENT, onChange);
    if (s.connected) watch();
    return () => {
      s.off('connect', watch);
      s.off(AVAILABILITY_CHANGED_EVENT, onChange);
      s.emit('unwatch', { skus }, () => undefined);
    };
    // The SKU list is compared by value (key), not by array identity.
  }, [key]);
  return views;
}

/**
 * A SKU's price, kept current while the page is open. Once its watch is in place (and again after
 * every reconnect) the price is read afresh, so a change made before the socket joined is not missed;
 * a `variant.updated` that arrives while that read is under way wins over it.
 */
export function useLivePrice(sku: string, initial: Money): Money {
  const [price, setPrice] = useState(initial);
  useEffect(() => setPrice(initial), [initial.amount, initial.currency]);
  useEffect(() => {
    let updates = 0;
    const onUpdate = (change: { sku: string; price: Money }) => {
      if (change.sku !== sku) return;
      updates += 1;
      setPrice(change.price);
    };
    const reread = () => {
      const seen = updates;
      void api<VariantView>(`/variants/${encodeURIComponent(sku)}`).then(
        (variant) => seen === updates && setPrice(variant.price),
        () => undefined,
      );
    };
    const watch = () => s.emit('watch', { skus: [sku] }, (answer) => answer.ok && reread());
    const s = shopSocket();
    s.on(VARIANT_UPDATED_EVENT, onUpdate);
    s.on('connect', watch);
    if (s.connected) watch();
    return () => {
      s.off(VARIANT_UPDATED_EVENT, onUpdate);
      s.off('connect', watch);
    };
  }, [sku]);
  return price;
}

function upsertLocation(locations: AvailabilityView['locations'], locationId: string, available: number) {
  return locations.some((l) => l.locationId === locationId)
    ? locations.map((l) => (l.locationId === locationId ? { ...l, available } : l))
    : [...locations, { locationId, available, pickup: false }];
}

/**
 * The fresh figures of `latest` laid over the views shown so far: the order of their locations (the
 * page may have asked for nearest first) and their distances stay; new locations come last.
 */
export function withFigures(
  current: AvailabilityView[] | null,
  latest: AvailabilityView[],
): AvailabilityView[] {
  if (!current) return latest;
  return latest.map((view) => {
    const shown = current.find((c) => c.sku === view.sku);
    if (!shown) return view;
    const fresh = new Map(view.locations.map((l) => [l.locationId, l]));
    const kept = shown.locations.map((l) => ({ ...l, ...fresh.get(l.locationId), distanceKm: l.distanceKm }));
    const added = view.locations.filter((l) => !shown.locations.some((s) => s.locationId === l.locationId));
    return { ...view, locations: [...kept, ...added] };
  });
}
