import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The time as the application decides with it. Injected wherever a deadline is computed or compared
 * (holds, promised times, messages due), so that tests move time forward without sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
