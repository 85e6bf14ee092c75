import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MessagesModule } from '../messages/messages.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

/** Shoppers' accounts: registration with a mailed link that confirms the email address. */
@Module({
  imports: [AuthModule, MessagesModule],
  controllers: [AccountsController],
  providers: [AccountsService],
})
export class AccountsModule {}
