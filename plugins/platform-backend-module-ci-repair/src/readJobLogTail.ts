import {
  GithubApiError,
  GithubConnection,
  GithubRepositoryRef,
} from '@catalyst/plugin-platform-node';

/**
 * The last `maxBytes` of a byte stream, kept as it is pushed: after each push
 * it holds at most `maxBytes`, and while taking a chunk at most `maxBytes`
 * plus that chunk.
 */
export class BoundedTail {
  private chunks: Buffer[] = [];
  private held = 0;
  private seen = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Uint8Array): void {
    this.seen += chunk.length;
    const part = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (part.length >= this.maxBytes) {
      // A copy, so the rest of a large chunk is not kept alive by a view.
      this.chunks = [Buffer.from(part.subarray(part.length - this.maxBytes))];
      this.held = this.maxBytes;
      return;
    }
    this.chunks.push(part);
    this.held += part.length;
    while (this.held - this.chunks[0].length >= this.maxBytes) {
      this.held -= this.chunks.shift()!.length;
    }
    if (this.held > this.maxBytes) {
      const excess = this.held - this.maxBytes;
      this.chunks[0] = Buffer.from(this.chunks[0].subarray(excess));
      this.held = this.maxBytes;
    }
  }

  /** Bytes held now. */
  get heldBytes(): number {
    return this.held;
  }

  /** The tail as text; when the stream was longer, from the first whole line on. */
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    if (this.seen <= this.held) return text;
    const newline = text.indexOf('\n');
    return newline === -1 ? text : text.slice(newline + 1);
  }
}

/**
 * `fetch` for Octokit that stops at a redirect and hands Octokit only its
 * status and `location`: the log it points to is read as a stream, and the
 * redirect's own body is no JSON for Octokit to parse.
 */
async function redirectOnly(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) {
    return response;
  }
  await response.body?.cancel();
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: { location },
  });
}

/**
 * The last `maxBytes` of the log of GitHub Actions job `jobId`, streamed: the
 * API answers with a redirect to the log, which is read chunk by chunk into
 * a {@link BoundedTail}. Undefined when the API has no log: a check run of
 * another app (404) or a log past retention (410).
 */
export async function readJobLogTail(
  github: GithubConnection,
  target: GithubRepositoryRef,
  jobId: number,
  options: { maxBytes: number; signal?: AbortSignal },
): Promise<string | undefined> {
  const { owner, repo } = target;
  let location: string | undefined;
  try {
    location = await github.call(
      'actions.downloadJobLogsForWorkflowRun',
      async o => {
        const response = await o.rest.actions.downloadJobLogsForWorkflowRun({
          owner,
          repo,
          job_id: jobId,
          request: { fetch: redirectOnly },
        });
        return { data: response.headers.location };
      },
    );
  } catch (error) {
    if (
      error instanceof GithubApiError &&
      (error.githubStatus === 404 || error.githubStatus === 410)
    ) {
      return undefined;
    }
    throw error;
  }
  if (!location || !/^https?:\/\//.test(location)) {
    throw new Error(
      `GitHub gave no log address for job ${jobId} of ${owner}/${repo}`,
    );
  }
  // A short-lived signed address: it takes no token.
  const response = await fetch(location, { signal: options.signal });
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok || !response.body) {
    throw new Error(
      `Reading the log of job ${jobId} of ${owner}/${repo} failed: ${response.status} ${response.statusText}`,
    );
  }
  const tail = new BoundedTail(options.maxBytes);
  for await (const chunk of response.body) tail.push(chunk);
  return tail.text();
}
