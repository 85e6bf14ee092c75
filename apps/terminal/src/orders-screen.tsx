import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { OrderView, Page } from '@o2o/contracts';
import { ApiError, describeError, query } from '../../shared/api';
import { listenForScanner, parseScan } from '../../shared/scan-input';
import { playChime } from './chime';
import { useTerminal } from './context';
import { byPromise } from './order-messages';
import { OrderDetail } from './order-detail';
import { OrderQueue } from './order-queue';
import { isOpen, OPEN_STATUSES } from './order-status';

/**
 * The live queue: open orders of this store, earliest promised (readyBy) first. New orders arrive over the live feed
 * (with a chime and a badge until opened); any order event re-reads that order, so the queue always
 * shows what the server has, even after a drop-out (the feed fills in what was missed).
 */
export function OrdersScreen({ onUnseenCount }: { onUnseenCount: (count: number) => void }) {
  const { call, feed, location } = useTerminal();
  const [orders, setOrders] = useState<Map<string, OrderView>>(new Map());
  const [unseen, setUnseen] = useState<Set<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [scanNotice, setScanNotice] = useState<{ orderId: string; pickupCode: string } | null>(null);

  const upsert = useCallback((order: OrderView) => {
    setOrders((current) => new Map(current).set(order.id, order));
  }, []);

  const reloadAll = useCallback(async () => {
    try {
      const pages = await Promise.all(
        OPEN_STATUSES.map((status) =>
          call<Page<OrderView>>(`/locations/${location.id}/orders${query({ status, limit: 500 })}`),
        ),
      );
      setOrders(new Map(pages.flatMap((page) => page.items).map((order) => [order.id, order])));
      setLoadError(null);
    } catch (error) {
      setLoadError(describeError(error));
    }
  }, [call, location.id]);

  const refresh = useCallback(
    async (orderId: string) => {
      try {
        upsert(await call<OrderView>(`/orders/${orderId}`));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          setOrders((current) => {
            const next = new Map(current);
            next.delete(orderId);
            return next;
          });
        }
      }
    },
    [call, upsert],
  );

  useEffect(() => {
    const offResync = feed.onResync(() => void reloadAll());
    const offEvent = feed.onEvent((event) => {
      if (event.type !== 'order.created' && event.type !== 'order.updated') return;
      const data = event.data as { orderId: string };
      void refresh(data.orderId);
      if (event.type === 'order.created') {
        setUnseen((current) => new Set(current).add(data.orderId));
        playChime();
      }
    });
    void reloadAll();
    return () => {
      offResync();
      offEvent();
    };
  }, [feed, reloadAll, refresh]);

  const queue = useMemo(() => [...orders.values()].filter(isOpen).sort(byPromise), [orders]);
  const unseenOpen = queue.filter((order) => unseen.has(order.id)).length;
  useEffect(() => onUnseenCount(unseenOpen), [unseenOpen, onUnseenCount]);

  const open = (orderId: string) => {
    setSelectedId(orderId);
    setUnseen((current) => {
      const next = new Set(current);
      next.delete(orderId);
      return next;
    });
  };

  // A customer's pickup QR scanned with the handheld scanner anywhere on this screen opens the order.
  const onScan = useCallback((text: string) => {
    const scanned = parseScan(text);
    if (scanned.kind !== 'pickup') return;
    setScanNotice({ orderId: scanned.orderId, pickupCode: scanned.pickupCode });
    open(scanned.orderId);
  }, []);
  useEffect(() => listenForScanner(onScan), [onScan]);

  const selected = selectedId ? orders.get(selectedId) : undefined;
  useEffect(() => {
    if (selectedId && !orders.has(selectedId)) void refresh(selectedId);
  }, [selectedId, orders, refresh]);

  return (
    <div class="orders-layout">
      <OrderQueue queue={queue} unseen={unseen} selectedId={selectedId} loadError={loadError} onOpen={open} />
      <section class="detail-panel" aria-label="Order detail">
        {selected ? (
          <OrderDetail
            key={selected.id}
            order={selected}
            scannedCode={scanNotice?.orderId === selected.id ? scanNotice.pickupCode : null}
            onChanged={upsert}
            onRefresh={(orderId) => void refresh(orderId)}
            onScanCode={onScan}
          />
        ) : (
          <div class="placeholder muted">
            <p>Choose an order from the queue, or scan the customer's pickup QR code.</p>
          </div>
        )}
      </section>
    </div>
  );
}
