import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse, RegisterRequest, SupportedLocale, UserView } from '@o2o/contracts';
import { AuthService, VERIFICATION_TTL_HOURS } from '../auth/auth.service';
import type { User } from '../auth/user.entity';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { Tx } from '../database/unit-of-work';
import { UnitOfWork } from '../database/unit-of-work';
import { MessagesService } from '../messages/messages.service';

/**
 * Shoppers' accounts: registering mails a link that proves the email address (queued in the unit that
 * creates the account); spending the link verifies it, and from then on the guest orders placed with
 * that address count as the account's (see OrdersService.mine).
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly auth: AuthService,
    private readonly uow: UnitOfWork,
    private readonly messages: MessagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(input: RegisterRequest): Promise<LoginResponse> {
    return this.auth.register(input, (tx, user) => this.mailVerificationLink(tx, user, input.locale ?? 'en'));
  }

  verifyEmail(token: string): Promise<UserView> {
    return this.auth.verifyEmail(token);
  }

  /** A new link (the old ones still work until they expire); refused once the email is verified. */
  async resendVerification(caller: AuthUser, locale: SupportedLocale = 'en'): Promise<void> {
    const account = await this.auth.me(caller);
    if (account.emailVerified)
      throw AppError.invalid('email', 'is verified already: there is nothing to confirm');
    await this.uow.run((tx) => this.mailVerificationLink(tx, account, locale));
  }

  private async mailVerificationLink(
    tx: Tx,
    user: Pick<User, 'id' | 'email' | 'name'>,
    locale: SupportedLocale,
  ): Promise<void> {
    const link = await this.auth.startEmailVerification(tx, user);
    await this.messages.queueAccountMessage(tx, {
      kind: 'email_verification',
      email: user.email,
      locale,
      occurrence: link.id,
      facts: {
        customerName: user.name,
        verifyUrl: `${this.config.publicBaseUrl}/shop/account/verify?token=${link.token}`,
        validHours: VERIFICATION_TTL_HOURS,
      },
    });
  }
}
