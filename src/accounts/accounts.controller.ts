import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { LoginResponse, UserView } from '@o2o/contracts';
import { Access, Public } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { RegisterCustomerDto, ResendVerificationDto, VerifyEmailDto } from './accounts.dto';
import { AccountsService } from './accounts.service';

const RATE_LIMITED = { description: 'RATE_LIMITED: too many attempts from this address' };

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
@SkipThrottle({ scan: true, account: true, flash: true })
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('register')
  @Public()
  @ApiOperation({
    summary: 'Create a customer account and sign it in; a link to confirm the email is mailed to it',
    description:
      'A duplicate email answers VALIDATION_FAILED on `email`. Until the email is confirmed, ' +
      'GET /api/orders/mine lists only the orders placed while signed in.',
  })
  @ApiTooManyRequestsResponse(RATE_LIMITED)
  register(@Body() body: RegisterCustomerDto): Promise<LoginResponse> {
    return this.accounts.register(body);
  }

  @Post('verify-email')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Confirm an email address with the token from the mailed link (single-use, expires)',
    description:
      'Answers the account. A used, expired or unknown token answers 410 VERIFICATION_LINK_INVALID. ' +
      "From then on the guest orders placed with this email show in the customer's orders.",
  })
  @ApiTooManyRequestsResponse(RATE_LIMITED)
  verifyEmail(@Body() body: VerifyEmailDto): Promise<UserView> {
    return this.accounts.verifyEmail(body.token);
  }

  @Post('verify-email/resend')
  @HttpCode(202)
  @Access(['customer'])
  @ApiOperation({ summary: 'Mail a new confirmation link to the signed-in customer' })
  @ApiTooManyRequestsResponse(RATE_LIMITED)
  async resend(@CurrentUser() user: AuthUser, @Body() body: ResendVerificationDto): Promise<void> {
    await this.accounts.resendVerification(user, body.locale);
  }
}
