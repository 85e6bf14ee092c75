import { Global, Module } from '@nestjs/common';
import { EventLog } from './event-log.service';

@Global()
@Module({ providers: [EventLog], exports: [EventLog] })
export class RealtimeModule {}
