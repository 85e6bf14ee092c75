import type { Payment } from './payment.entity';

/** What a provider's webhook told us, once its signature has been checked. */
export interface ProviderEvent {
  /** The provider's own event id: an event is acted on once, however often it is delivered. */
  eventId: string;
  paymentId: string;
  outcome: 'authorized' | 'failed';
}

/**
 * A payment processor. Calls that reach the processor happen after the unit that recorded the move has
 * committed (never inside a transaction), with the payment id as their idempotency key.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Where the shopper pays; `reference` is the processor's id for the payment, if it has one. */
  startCheckout(payment: Payment): Promise<{ checkoutUrl: string; reference: string | null }>;
  capture(payment: Payment, amount: number): Promise<void>;
  void(payment: Payment): Promise<void>;
  refund(payment: Payment, amount: number): Promise<void>;
  /** Verifies the signature on the raw body; null when it does not hold. */
  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent | 'ignored' | null;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
