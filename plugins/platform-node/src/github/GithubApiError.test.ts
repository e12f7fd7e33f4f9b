import {
  classifyGithubError,
  GithubApiError,
  GithubRateLimitError,
} from './GithubApiError';

// The shape of @octokit/request-error's RequestError.
function httpError(
  status: number,
  data: unknown,
  headers: Record<string, string> = {},
) {
  return Object.assign(new Error((data as any)?.message ?? 'failed'), {
    name: 'HttpError',
    status,
    response: { status, url: '', headers, data },
  });
}

const context = { operation: 'pulls.create', repository: 'acme/payments' };

describe('classifyGithubError', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('reads a secondary rate limit from retry-after', () => {
    const error = classifyGithubError(
      httpError(
        403,
        { message: 'You have exceeded a secondary rate limit.' },
        { 'retry-after': '60' },
      ),
      context,
      now,
    );
    expect(GithubRateLimitError.is(error)).toBe(true);
    expect((error as GithubRateLimitError).resetAt).toEqual(
      new Date('2026-03-01T12:01:00Z'),
    );
  });

  it('treats 429 as a rate limit even without headers', () => {
    const error = classifyGithubError(
      httpError(429, { message: 'Too Many Requests' }),
      context,
      now,
    );
    expect(error).toMatchObject({
      name: 'GithubRateLimitError',
      githubStatus: 429,
      resetAt: undefined,
    });
  });

  it('keeps other statuses as a plain GitHub error with the status', () => {
    const error = classifyGithubError(
      httpError(409, { message: 'Git Repository is empty.' }),
      context,
      now,
    );
    expect(error.name).toBe('GithubApiError');
    expect(error).toMatchObject({
      githubStatus: 409,
      githubMessage: 'Git Repository is empty.',
    });
    // No `status` property: Backstage's error middleware would copy it into the caller's response.
    expect('status' in error).toBe(false);
  });

  it('wraps failures without a response, naming the operation', () => {
    const error = classifyGithubError(
      new Error('connect ECONNREFUSED 127.0.0.1:1'),
      context,
      now,
    );
    expect(GithubApiError.is(error)).toBe(true);
    expect(error.message).toBe(
      'GitHub pulls.create on acme/payments failed: connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('returns errors it already classified as they are', () => {
    const once = classifyGithubError(
      httpError(404, { message: 'Not Found' }),
      context,
      now,
    );
    expect(classifyGithubError(once, { operation: 'other' }, now)).toBe(once);
  });
});
