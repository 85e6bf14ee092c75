import {
  assertTransition,
  canReschedule,
  holdsStock,
  initialStatus,
  nextStatus,
  ORDER_TRANSITIONS,
  OrderAction,
  statusesAllowing,
} from './order-transitions';
import type { FulfillmentType, OrderStatus } from '@o2o/contracts';

const ACTIONS: OrderAction[] = ['ready', 'collect', 'ship', 'cancel', 'expire'];
const STATUSES: OrderStatus[] = [
  'placed',
  'ready',
  'collected',
  'shipped',
  'completed',
  'cancelled',
  'expired',
];

describe('order transitions', () => {
  it('walks a pickup order placed → ready → collected', () => {
    expect(initialStatus('pickup')).toBe('placed');
    expect(nextStatus('pickup', 'placed', 'ready')).toBe('ready');
    expect(nextStatus('pickup', 'ready', 'collect')).toBe('collected');
  });

  it('lets a pickup order be cancelled or expire until it is collected', () => {
    for (const from of ['placed', 'ready'] as const) {
      expect(nextStatus('pickup', from, 'cancel')).toBe('cancelled');
      expect(nextStatus('pickup', from, 'expire')).toBe('expired');
    }
    expect(nextStatus('pickup', 'collected', 'cancel')).toBeNull();
    expect(nextStatus('pickup', 'placed', 'collect')).toBeNull();
  });

  it('ships or cancels a ship order; one never paid expires with its payment hold, a shipped one never', () => {
    expect(nextStatus('ship', 'placed', 'ship')).toBe('shipped');
    expect(nextStatus('ship', 'placed', 'cancel')).toBe('cancelled');
    expect(nextStatus('ship', 'placed', 'expire')).toBe('expired');
    expect(nextStatus('ship', 'shipped', 'expire')).toBeNull();
    expect(nextStatus('ship', 'shipped', 'cancel')).toBeNull();
    expect(nextStatus('ship', 'placed', 'ready')).toBeNull();
  });

  it('completes an in-store sale at once and never moves it again', () => {
    expect(initialStatus('instore')).toBe('completed');
    for (const action of ACTIONS) expect(nextStatus('instore', 'completed', action)).toBeNull();
  });

  it('has no way out of a final status', () => {
    for (const type of Object.keys(ORDER_TRANSITIONS) as FulfillmentType[]) {
      for (const from of ['collected', 'shipped', 'completed', 'cancelled', 'expired'] as const) {
        for (const action of ACTIONS) expect(nextStatus(type, from, action)).toBeNull();
      }
    }
  });

  it('answers INVALID_TRANSITION naming the status and action', () => {
    expect(() => assertTransition('pickup', 'collected', 'cancel')).toThrow(
      expect.objectContaining({
        code: 'INVALID_TRANSITION',
        details: { from: 'collected', action: 'cancel' },
      }),
    );
    expect(assertTransition('pickup', 'placed', 'ready')).toBe('ready');
  });

  it('lists the statuses each action starts from', () => {
    expect(statusesAllowing('expire')).toEqual(['placed', 'ready']);
    expect(statusesAllowing('collect')).toEqual(['ready']);
    expect(statusesAllowing('cancel')).toEqual(['placed', 'ready']);
  });

  it('knows which statuses hold stock and may be rescheduled', () => {
    expect(STATUSES.filter(holdsStock)).toEqual(['placed', 'ready']);
    expect(canReschedule('pickup', 'ready')).toBe(true);
    expect(canReschedule('ship', 'placed')).toBe(false);
    expect(canReschedule('pickup', 'collected')).toBe(false);
  });
});
