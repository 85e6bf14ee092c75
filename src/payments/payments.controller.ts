import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/access';
import { AppError } from '../common/app-error';
import { PaymentsService } from './payments.service';
import { TEST_SIGNATURE_HEADER, TestPaymentProvider } from './test-payment-provider';

@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('payments/webhooks/:provider')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: "A payment provider's signed webhook",
    description:
      'The signature is checked on the raw body (401 UNAUTHENTICATED when it does not hold, changing nothing). ' +
      'Each provider event id is acted on once; facts only move a payment forward, so late or repeated ' +
      'deliveries are safe, and a late authorisation for an order that has ended is voided.',
  })
  webhook(
    @Param('provider') provider: string,
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Headers() headers: Record<string, string | string[] | undefined>,
  ) {
    return this.payments.handleWebhook(provider, request.rawBody, headers);
  }

  /**
   * The test provider's page buttons: the shopper's decision, reported back to the server the way a
   * real processor does, as a signed webhook delivered a moment later (not within this request).
   */
  @Post('payments/test/:paymentId/:outcome')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: "The test provider's checkout: approve or decline a payment (test provider only)",
  })
  async decide(@Param('paymentId') paymentId: string, @Param('outcome') outcome: string) {
    const provider = this.payments.provider;
    if (!(provider instanceof TestPaymentProvider) || (outcome !== 'approve' && outcome !== 'decline')) {
      throw AppError.notFound('Payment page');
    }
    const payment = await this.payments.find(paymentId);
    if (!payment) throw AppError.notFound('Payment', { paymentId });
    const { body, signature } = provider.webhookFor(
      paymentId,
      outcome === 'approve' ? 'authorized' : 'failed',
    );
    setTimeout(() => {
      this.payments
        .handleWebhook(provider.name, Buffer.from(body), { [TEST_SIGNATURE_HEADER]: signature })
        .catch(() => undefined);
    }, 50);
    return { paymentId, orderId: payment.orderId, outcome };
  }
}
