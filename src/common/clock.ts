import { Injectable, Module } from '@nestjs/common';

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

/** Import it where the clock is read; tests replace the one instance (`app.get(Clock)`). */
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
