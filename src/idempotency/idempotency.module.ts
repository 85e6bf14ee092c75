import { Module } from '@nestjs/common';
import { RefusalBuffer } from './refusal-buffer';
import { RunningRequests } from './running-requests';

/** What `@Idempotent()` routes need: import it in the module whose controller uses the decorator. */
@Module({ providers: [RefusalBuffer, RunningRequests], exports: [RefusalBuffer, RunningRequests] })
export class IdempotencyModule {}
