import { InputError } from '@backstage/errors';
import {
  GithubAuthError,
  GithubNotFoundError,
  GithubRateLimitError,
  GithubValidationError,
} from '@catalyst/plugin-platform-node';
import {
  classifyTaskError,
  decideRetry,
  isLastAttempt,
  retryDelay,
} from './taskRetryPolicy';
import { resolveApprovalPolicy } from './approvalPolicies';

describe('classifyTaskError', () => {
  const op = { operation: 'pulls.create', repository: 'acme/payments' };
  it('classifies GitHub and other errors', () => {
    const resetAt = new Date('2026-03-01T11:00:00Z');
    expect(
      classifyTaskError(new GithubRateLimitError('limit', { ...op, resetAt })),
    ).toMatchObject({
      errorClass: 'rate_limited',
      resetAt,
      pausesGithub: true,
    });
    expect(
      classifyTaskError(
        new GithubAuthError('no', { ...op, reason: 'unauthorized' }),
      ),
    ).toMatchObject({
      errorClass: 'retryable',
      pausesGithub: true,
    });
    expect(
      classifyTaskError(
        new GithubValidationError('422', {
          ...op,
          githubStatus: 422,
          issues: [],
        }),
      ).errorClass,
    ).toBe('not_retryable');
    expect(
      classifyTaskError(
        new GithubNotFoundError('404', { ...op, githubStatus: 404 }),
      ).errorClass,
    ).toBe('not_retryable');
    expect(classifyTaskError(new InputError('bad')).errorClass).toBe(
      'not_retryable',
    );
    expect(
      classifyTaskError(Object.assign(new Error('503'), { status: 503 }))
        .errorClass,
    ).toBe('retryable');
    expect(classifyTaskError(new Error('ECONNRESET'))).toEqual({
      errorClass: 'retryable',
      message: 'ECONNRESET',
      pausesGithub: false,
    });
  });
});

describe('retryDelay', () => {
  it('grows exponentially, capped, with full jitter', () => {
    const policy = { baseMs: 1000, capMs: 5000 };
    expect(retryDelay(1, policy, () => 0.999)).toBe(999);
    expect(retryDelay(3, policy, () => 0.5)).toBe(2000);
    expect(retryDelay(10, policy, () => 0.5)).toBe(2500);
    expect(retryDelay(10, policy, () => 0)).toBe(0);
  });
});

describe('isLastAttempt', () => {
  it('ends the task on a non-retryable error or when the attempts are spent', () => {
    expect(
      isLastAttempt({ errorClass: 'retryable', attempt: 2, maxRetries: 3 }),
    ).toBe(false);
    expect(
      isLastAttempt({ errorClass: 'retryable', attempt: 3, maxRetries: 3 }),
    ).toBe(true);
    expect(
      isLastAttempt({ errorClass: 'not_retryable', attempt: 1, maxRetries: 3 }),
    ).toBe(true);
  });
});

describe('decideRetry', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const backoff = { baseMs: 1000, capMs: 60_000 };

  it('backs off exponentially and says when the attempts run out', () => {
    expect(
      decideRetry(
        new Error('ECONNRESET'),
        { attempt: 2, maxRetries: 3 },
        { now, backoff, random: () => 0.5 },
      ),
    ).toMatchObject({
      errorClass: 'retryable',
      final: false,
      retryAt: new Date(now.getTime() + 1000),
    });
    expect(
      decideRetry(
        new Error('ECONNRESET'),
        { attempt: 3, maxRetries: 3 },
        { now, backoff, random: () => 0.5 },
      ).final,
    ).toBe(true);
  });

  it("waits for a rate limit's reset, or the backoff cap when GitHub did not say", () => {
    const resetAt = new Date('2026-03-01T11:00:00Z');
    const op = { operation: 'createPull', repository: 'acme/web' };
    expect(
      decideRetry(
        new GithubRateLimitError('limit', { ...op, resetAt }),
        { attempt: 1, maxRetries: 3 },
        { now, backoff },
      ),
    ).toMatchObject({
      errorClass: 'rate_limited',
      final: false,
      retryAt: resetAt,
    });
    expect(
      decideRetry(
        new GithubRateLimitError('limit', op),
        { attempt: 1, maxRetries: 3 },
        { now, backoff },
      ).retryAt,
    ).toEqual(new Date(now.getTime() + 60_000));
  });
});

describe('resolveApprovalPolicy', () => {
  it('takes the first matching rule, and holds for approval by default', () => {
    const rules = [
      { repository: 'acme/sandbox-*', policy: 'auto-merge' as const },
      { taskType: 'lint_autofix', policy: 'dry-run' as const },
    ];
    expect(
      resolveApprovalPolicy(rules, {
        repository: 'acme/sandbox-1',
        taskType: 'x',
      }),
    ).toBe('auto-merge');
    expect(
      resolveApprovalPolicy(rules, {
        repository: 'acme/web',
        taskType: 'lint_autofix',
      }),
    ).toBe('dry-run');
    expect(
      resolveApprovalPolicy(rules, {
        repository: 'other/sandbox-1',
        taskType: 'x',
      }),
    ).toBe('require-approval');
  });
});
