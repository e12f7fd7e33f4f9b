import { ServiceUnavailableError } from '@backstage/errors';

/**
 * At most `max` jobs at once (each a clone and a drift check); up to
 * `maxWaiting` more wait their turn, and beyond that a job is refused with
 * 503 rather than queued without bound.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new ServiceUnavailableError(
          `${this.running} convention checks are running and ${this.waiting.length} waiting; try again later`,
        );
      }
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      // The finished job's slot passes straight to the next one waiting.
      if (next) next();
      else this.running -= 1;
    }
  }
}
