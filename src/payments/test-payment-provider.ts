import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PaymentProvider, ProviderEvent } from './payment-provider';
import type { Payment } from './payment.entity';

export const TEST_SIGNATURE_HEADER = 'x-test-signature';

/** HMAC-SHA256 of the raw body, hex: how the test provider signs its webhooks. */
export function signTestWebhook(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * The built-in provider, behaving like a hosted checkout: the shopper pays on its own page
 * (`/pay/:paymentId`), and the outcome reaches the server only as a signed webhook, delivered later.
 * Captures, voids and refunds need no outside call: it keeps no money of its own.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';

  constructor(private readonly secret: string) {}

  startCheckout(payment: Payment) {
    return Promise.resolve({ checkoutUrl: `/pay/${payment.id}`, reference: null });
  }

  capture(): Promise<void> {
    return Promise.resolve();
  }

  void(): Promise<void> {
    return Promise.resolve();
  }

  refund(): Promise<void> {
    return Promise.resolve();
  }

  /** The signed body the provider delivers for a shopper's decision on its page. */
  webhookFor(paymentId: string, outcome: ProviderEvent['outcome']) {
    const body = JSON.stringify({ id: `evt_${randomUUID()}`, type: `payment.${outcome}`, paymentId });
    return { body, signature: signTestWebhook(this.secret, body) };
  }

  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent | 'ignored' | null {
    const given = headers[TEST_SIGNATURE_HEADER];
    if (typeof given !== 'string') return null;
    const expected = Buffer.from(signTestWebhook(this.secret, rawBody.toString('utf8')));
    const actual = Buffer.from(given);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
    const event = parsed(rawBody);
    const outcome = OUTCOMES[String(event.type)];
    if (typeof event.id !== 'string' || typeof event.paymentId !== 'string' || !outcome) return 'ignored';
    return { eventId: event.id, paymentId: event.paymentId, outcome };
  }
}

const OUTCOMES: Record<string, ProviderEvent['outcome']> = {
  'payment.authorized': 'authorized',
  'payment.failed': 'failed',
};

function parsed(rawBody: Buffer): { id?: unknown; type?: unknown; paymentId?: unknown } {
  try {
    const value: unknown = JSON.parse(rawBody.toString('utf8'));
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
