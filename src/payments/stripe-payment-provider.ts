import Stripe from 'stripe';
import type { PaymentProvider, ProviderEvent } from './payment-provider';
import type { Payment } from './payment.entity';

/**
 * Stripe with manual capture: a Checkout Session authorises the card, capture happens when the goods
 * leave. The webhook signature is checked with the SDK. Live calls are not exercised by the tests.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
    private readonly publicBaseUrl: string,
  ) {
    this.stripe = new Stripe(secretKey);
  }

  async startCheckout(payment: Payment) {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: payment.id,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: payment.currency.toLowerCase(),
              unit_amount: payment.amount,
              product_data: { name: `Order ${payment.orderId}` },
            },
          },
        ],
        payment_intent_data: { capture_method: 'manual', metadata: { paymentId: payment.id } },
        success_url: `${this.publicBaseUrl}/shop/orders/${payment.orderId}`,
        cancel_url: `${this.publicBaseUrl}/shop/orders/${payment.orderId}`,
      },
      { idempotencyKey: `checkout-${payment.id}` },
    );
    return { checkoutUrl: session.url ?? '', reference: session.id };
  }

  async capture(payment: Payment, amount: number) {
    await this.stripe.paymentIntents.capture(
      await this.intentOf(payment),
      { amount_to_capture: amount },
      { idempotencyKey: `capture-${payment.id}` },
    );
  }

  async void(payment: Payment) {
    await this.stripe.paymentIntents.cancel(await this.intentOf(payment), undefined, {
      idempotencyKey: `void-${payment.id}`,
    });
  }

  async refund(payment: Payment, amount: number) {
    await this.stripe.refunds.create(
      { payment_intent: await this.intentOf(payment), amount },
      { idempotencyKey: `refund-${payment.id}-${payment.refunded}-${amount}` },
    );
  }

  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent | 'ignored' | null {
    const signature = headers['stripe-signature'];
    if (typeof signature !== 'string') return null;
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret);
    } catch {
      return null;
    }
    const intent = event.data.object as { object?: string; metadata?: Record<string, string> };
    const paymentId = intent.object === 'payment_intent' ? intent.metadata?.paymentId : undefined;
    if (!paymentId) return 'ignored';
    if (event.type === 'payment_intent.amount_capturable_updated') {
      return { eventId: event.id, paymentId, outcome: 'authorized' };
    }
    if (event.type === 'payment_intent.payment_failed')
      return { eventId: event.id, paymentId, outcome: 'failed' };
    return 'ignored';
  }

  private async intentOf(payment: Payment): Promise<string> {
    const session = await this.stripe.checkout.sessions.retrieve(payment.reference ?? '');
    const intent = session.payment_intent;
    return typeof intent === 'string' ? intent : (intent?.id ?? '');
  }
}
