import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock';
import { LocationsModule } from '../locations/locations.module';
import { MailboxPage } from './mailbox.page';
import { MessageSender } from './message-sender.service';
import { MessagesService } from './messages.service';

/** Messages to customers: queued with the change they report, sent by email (or SMS) by the sender. */
@Module({
  imports: [LocationsModule, ClockModule],
  providers: [MessagesService, MessageSender, MailboxPage],
  exports: [MessagesService, MessageSender],
})
export class MessagesModule {}
