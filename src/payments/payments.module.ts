import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PaymentPage } from './payment-page';
import { PAYMENT_PROVIDER, PaymentProvider } from './payment-provider';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { StripePaymentProvider } from './stripe-payment-provider';
import { TestPaymentProvider } from './test-payment-provider';

function providerFor(config: AppConfig): PaymentProvider {
  const { payments } = config;
  if (payments.provider === 'stripe' && payments.stripe) {
    return new StripePaymentProvider(
      payments.stripe.secretKey,
      payments.stripe.webhookSecret,
      config.publicBaseUrl,
    );
  }
  return new TestPaymentProvider(payments.testWebhookSecret);
}

/** Money on orders: the provider (PAYMENT_PROVIDER), its webhooks and the payment ledger. */
@Module({
  imports: [ClockModule],
  controllers: [PaymentsController],
  providers: [
    PaymentsService,
    PaymentPage,
    { provide: PAYMENT_PROVIDER, inject: [APP_CONFIG], useFactory: providerFor },
  ],
  exports: [PaymentsService],
})
export class PaymentsModule {}
