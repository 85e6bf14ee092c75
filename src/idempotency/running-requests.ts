import { Injectable } from '@nestjs/common';

/**
 * The idempotent requests running in this instance, by caller and key. A retry of one that is still
 * running waits for its answer and then replays it: run beside it, it could be refused by the first
 * one's own write (the last unit of stock) and answer that refusal instead.
 */
@Injectable()
export class RunningRequests {
  private readonly running = new Map<string, Promise<void>>();

  /** Waits until no request of this key runs here, then enters one: call the answer once it is answered. */
  async enter(key: string): Promise<() => void> {
    for (let ahead = this.running.get(key); ahead; ahead = this.running.get(key)) await ahead;
    let answered!: () => void;
    this.running.set(key, new Promise<void>((resolve) => (answered = resolve)));
    return () => {
      this.running.delete(key);
      answered();
    };
  }
}
