import type { OrderView } from '@o2o/contracts';
import { STATUS_LABELS } from '../../shared/format';

/** Orders that still need the store: a pickup to prepare or hand over, a parcel to ship. */
export const OPEN_STATUSES = ['placed', 'ready'] as const;

export const isOpen = (order: OrderView) => (OPEN_STATUSES as readonly string[]).includes(order.status);

export function StatusPill({ status, big }: { status: string; big?: boolean }) {
  return (
    <span class={`pill status-${status}${big ? ' big-pill' : ''}`}>{STATUS_LABELS[status] ?? status}</span>
  );
}

export function LockedBadge() {
  return <span class="pill status-locked">Locked</span>;
}
