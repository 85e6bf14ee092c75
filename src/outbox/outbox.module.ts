import { Module } from '@nestjs/common';
import { EventLog } from './event-log.service';

/**
 * The outbox: terminal events written in the unit of work that causes them, numbered per location.
 * Every domain that changes what a terminal shows appends here; realtime reads and delivers.
 */
@Module({ providers: [EventLog], exports: [EventLog] })
export class OutboxModule {}
