import { GithubRateLimitError } from './GithubApiError';

/**
 * The status and headers of one GitHub response, as the budget reads them.
 *
 * @public
 */
export interface GithubResponseInfo {
  status: number;
  headers: Record<string, string | number | undefined>;
}

/**
 * The GitHub requests of one feature in the last hour.
 *
 * @public
 */
export interface GithubFeatureUsage {
  /** `specs`, `conventions`, `agents-md`, `tasks`, `webhooks`, ... */
  feature: string;
  /** Requests that counted against the primary limit. */
  requests: number;
  /** Conditional requests answered 304, which GitHub does not count. */
  notModified: number;
  /** Responses that were a rate limit (403 or 429), each followed by a wait or a failure. */
  rateLimited: number;
}

/**
 * What the platform spent of its GitHub budget: per feature over the last
 * hour, and the primary limit as GitHub last reported it.
 *
 * @public
 */
export interface GithubBudgetSnapshot {
  windowMinutes: number;
  features: GithubFeatureUsage[];
  /** From the last response's `x-ratelimit-*` headers, when one carried them. */
  limit?: number;
  remaining?: number;
  resetAt?: string;
  observedAt?: string;
}

/**
 * How the budget waits for GitHub's limits.
 *
 * @public
 */
export interface GithubBudgetOptions {
  /** The longest single wait for a reset or `retry-after`; a longer one fails at once. Default 15 minutes. */
  maxWaitMs?: number;
  /** Retries of one request after a rate limit. Default 3. */
  maxRetries?: number;
  /**
   * Below this share of the primary limit, requests are spread over what is
   * left of the window instead of spending it at once. Default 0.1.
   */
  paceBelow?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;
// GitHub's advice for a secondary limit without retry-after: wait at least a minute.
const SECONDARY_BACKOFF_MS = 60_000;

function header(info: GithubResponseInfo, name: string): string | undefined {
  const value = info.headers[name] ?? info.headers[name.toLowerCase()];
  return value === undefined ? undefined : String(value);
}

/** How long a rate-limited response asks to wait, or undefined when it is not one. */
export function rateLimitWait(
  info: GithubResponseInfo,
  message: string | undefined,
  now: number,
  attempt: number,
): number | undefined {
  const remaining = header(info, 'x-ratelimit-remaining');
  const retryAfter = header(info, 'retry-after');
  const limited =
    info.status === 429 ||
    (info.status === 403 &&
      (remaining === '0' ||
        retryAfter !== undefined ||
        /rate limit/i.test(message ?? '')));
  if (!limited) return undefined;
  if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) {
    return Math.max(0, Number(retryAfter) * 1000);
  }
  const reset = Number(header(info, 'x-ratelimit-reset'));
  if (remaining === '0' && Number.isFinite(reset) && reset > 0) {
    // The reset is in whole seconds; one more keeps clear of clock skew.
    return Math.max(0, reset * 1000 - now) + 1000;
  }
  return SECONDARY_BACKOFF_MS * 2 ** attempt;
}

/**
 * The platform's GitHub budget: every GitHub client of the platform sends
 * through it. It records each response per feature (requests, 304s, rate
 * limits) for the last hour, keeps the primary limit GitHub last reported,
 * waits for a reset or `retry-after` and retries (within `maxWaitMs` and
 * `maxRetries`), and once the remaining budget is low spreads requests over
 * the rest of the window rather than running into the limit.
 *
 * @public
 */
export class GithubBudget {
  // Per minute, so the record stays small however many requests are sent.
  private readonly minutes = new Map<number, Map<string, GithubFeatureUsage>>();
  private limit?: { limit: number; remaining: number; resetAt: number };
  private observedAt?: number;
  private readonly options: Required<
    Pick<GithubBudgetOptions, 'maxWaitMs' | 'maxRetries' | 'paceBelow'>
  > &
    Pick<GithubBudgetOptions, 'now' | 'sleep'>;

  constructor(options: GithubBudgetOptions = {}) {
    this.options = {
      maxWaitMs: options.maxWaitMs ?? 15 * 60 * 1000,
      maxRetries: options.maxRetries ?? 3,
      paceBelow: options.paceBelow ?? 0.1,
      now: options.now,
      sleep: options.sleep,
    };
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private sleep(ms: number) {
    return (
      this.options.sleep?.(ms) ??
      new Promise<void>(resolve => setTimeout(resolve, ms))
    );
  }

  /**
   * Sends one request for `feature`: waits first if the budget is exhausted
   * or low, records the response, and on a rate limit waits as GitHub asks
   * and sends again. `send` resolves or rejects with the response;
   * `inspect` reads its status and headers (undefined: not an HTTP response).
   */
  async send<T>(
    feature: string,
    send: () => Promise<T>,
    inspect: (outcome: {
      value?: T;
      error?: unknown;
    }) => (GithubResponseInfo & { message?: string }) | undefined,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.beforeRequest(feature);
      let outcome: { value?: T; error?: unknown };
      try {
        outcome = { value: await send() };
      } catch (error) {
        outcome = { error };
      }
      const info = inspect(outcome);
      if (info) {
        const wait = this.record(feature, info, attempt);
        if (wait !== undefined) {
          if (
            attempt >= this.options.maxRetries ||
            wait > this.options.maxWaitMs
          ) {
            throw this.exhausted(feature, wait, outcome.error);
          }
          await this.sleep(wait);
          continue;
        }
      }
      if ('error' in outcome) throw outcome.error;
      return outcome.value as T;
    }
  }

  /** Records a response of `feature`; returns the wait it asks for when it is a rate limit. */
  record(
    feature: string,
    info: GithubResponseInfo & { message?: string },
    attempt = 0,
  ): number | undefined {
    const now = this.now();
    this.prune(now);
    const limit = Number(header(info, 'x-ratelimit-limit'));
    const remaining = Number(header(info, 'x-ratelimit-remaining'));
    const reset = Number(header(info, 'x-ratelimit-reset'));
    if ([limit, remaining, reset].every(n => Number.isFinite(n))) {
      this.limit = { limit, remaining, resetAt: reset * 1000 };
      this.observedAt = now;
    }
    const wait = rateLimitWait(info, info.message, now, attempt);
    const minute = Math.floor(now / 60_000);
    const features = this.minutes.get(minute) ?? new Map();
    this.minutes.set(minute, features);
    const usage: GithubFeatureUsage = features.get(feature) ?? {
      feature,
      requests: 0,
      notModified: 0,
      rateLimited: 0,
    };
    features.set(feature, usage);
    if (wait !== undefined) usage.rateLimited += 1;
    else if (info.status === 304) usage.notModified += 1;
    else usage.requests += 1;
    return wait;
  }

  /** Usage per feature over the last hour, most requests first. */
  snapshot(): GithubBudgetSnapshot {
    const now = this.now();
    this.prune(now);
    const byFeature = new Map<string, GithubFeatureUsage>();
    for (const features of this.minutes.values()) {
      for (const usage of features.values()) {
        const sum = byFeature.get(usage.feature) ?? {
          feature: usage.feature,
          requests: 0,
          notModified: 0,
          rateLimited: 0,
        };
        sum.requests += usage.requests;
        sum.notModified += usage.notModified;
        sum.rateLimited += usage.rateLimited;
        byFeature.set(usage.feature, sum);
      }
    }
    return {
      windowMinutes: HOUR_MS / 60_000,
      features: [...byFeature.values()].sort(
        (a, b) => b.requests - a.requests || a.feature.localeCompare(b.feature),
      ),
      ...(this.limit && {
        limit: this.limit.limit,
        remaining: this.limit.remaining,
        resetAt: new Date(this.limit.resetAt).toISOString(),
        observedAt: new Date(this.observedAt!).toISOString(),
      }),
    };
  }

  private async beforeRequest(feature: string) {
    const limit = this.limit;
    const now = this.now();
    if (!limit || limit.resetAt <= now) return;
    const untilReset = limit.resetAt - now + 1000;
    if (limit.remaining <= 0) {
      if (untilReset > this.options.maxWaitMs) {
        throw this.exhausted(feature, untilReset);
      }
      await this.sleep(untilReset);
      return;
    }
    if (limit.remaining < limit.limit * this.options.paceBelow) {
      // Spread what is left over the rest of the window.
      await this.sleep(
        Math.min(untilReset / limit.remaining, this.options.maxWaitMs),
      );
    }
  }

  private exhausted(feature: string, waitMs: number, cause?: unknown) {
    // GitHub's own reset time when the primary limit is spent (the wait adds a second
    // against clock skew); otherwise the end of the wait `retry-after` or back-off asks for.
    const now = this.now();
    const primary = this.limit;
    const resetAt = new Date(
      primary && primary.remaining <= 0 && primary.resetAt > now
        ? primary.resetAt
        : now + waitMs,
    );
    return new GithubRateLimitError(
      `The GitHub rate limit is reached for ${feature}; it resets at ${resetAt.toISOString()}, later than Catalyst waits (${Math.round(
        this.options.maxWaitMs / 1000,
      )}s)${cause instanceof Error ? `: ${cause.message}` : ''}`,
      { operation: feature, resetAt },
    );
  }

  private prune(now: number) {
    const oldest = Math.floor((now - HOUR_MS) / 60_000);
    for (const minute of this.minutes.keys()) {
      if (minute <= oldest) this.minutes.delete(minute);
    }
  }
}
