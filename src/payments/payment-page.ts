import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PaymentsService } from './payments.service';
import { TestPaymentProvider } from './test-payment-provider';

/**
 * The test provider's hosted checkout page, `/pay/:paymentId`: the amount and two buttons. Like a real
 * processor's page it only reports the decision; the order learns of it from the signed webhook.
 * `?return=/shop/...` is where the shopper is sent afterwards (same site only).
 */
@Injectable()
export class PaymentPage implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly payments: PaymentsService,
  ) {}

  onModuleInit(): void {
    if (!(this.payments.provider instanceof TestPaymentProvider)) return;
    const server = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    server.get('/pay/:paymentId', async (request, reply) => {
      const { paymentId } = request.params as { paymentId: string };
      const back = (request.query as { return?: unknown }).return;
      const payment = await this.payments.find(paymentId).catch(() => null);
      if (!payment)
        return send(reply.status(404), page('Payment not found', '<p>There is no such payment.</p>'));
      const returnTo = typeof back === 'string' && /^\/(?!\/)/.test(back) ? back : '';
      const amount = `${payment.currency} ${(payment.amount / 100).toFixed(2)}`;
      const open = payment.status === 'pending' || payment.status === 'failed';
      const body = open
        ? `<p>Pay <strong>${amount}</strong> for your order.</p>
           <button data-testid="pay-approve" data-outcome="approve">Pay ${amount}</button>
           <button data-testid="pay-decline" data-outcome="decline" class="secondary">Decline</button>
           <p id="result" role="status"></p>`
        : `<p>This payment is ${payment.status}.</p>`;
      return send(reply, page('Test payment', body, { paymentId, returnTo }));
    });
  }
}

function send(reply: FastifyReply, html: string) {
  return reply
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(html);
}

function page(title: string, body: string, script?: { paymentId: string; returnTo: string }): string {
  const run = script
    ? `<script>
const paymentId = ${JSON.stringify(script.paymentId)}, returnTo = ${JSON.stringify(script.returnTo)};
for (const button of document.querySelectorAll('button[data-outcome]')) {
  button.addEventListener('click', async () => {
    for (const b of document.querySelectorAll('button')) b.disabled = true;
    const res = await fetch('/api/payments/test/' + paymentId + '/' + button.dataset.outcome, { method: 'POST' });
    document.getElementById('result').textContent = res.ok ? 'Thank you: your bank is answering.' : 'Something went wrong.';
    if (res.ok && returnTo) setTimeout(() => location.assign(returnTo), 400);
  });
}
</script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
button{display:block;width:100%;margin:.5rem 0;padding:.8rem;font-size:1.1rem;border-radius:.4rem;border:0;background:#1d4ed8;color:#fff}
button.secondary{background:#e5e7eb;color:#111}</style></head>
<body><h1>${title}</h1><p>Test payment provider: no real money moves.</p>${body}${run}</body></html>`;
}
