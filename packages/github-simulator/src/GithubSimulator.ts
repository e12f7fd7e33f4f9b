import type { operations } from '@octokit/openapi-types';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BareRepository } from './BareRepository';
import { serveGitHttp } from './gitHttpBackend';
import {
  BasicError,
  ChangedFile,
  CheckRunAnnotation,
  checkAnnotation,
  checkRun,
  ContentEntry,
  contentDirectory,
  deployment,
  contentFile,
  diffEntry,
  fullRepository,
  gitCommit,
  gitRef,
  gitTree,
  issue,
  issueComment,
  pullRequest,
  pullRequestCommit,
  pullRequestSimple,
  release,
  repository,
  RepositoryFacts,
  RequestBodyOf,
  ResponseOf,
  SimulatedUrls,
  StoredCheckRun,
  StoredComment,
  StoredDeployment,
  StoredIssue,
  StoredPullRequest,
  StoredRelease,
  ValidationError,
} from './githubSchemas';
import {
  advisoryMatches,
  globalAdvisory,
  SimulatedAdvisory,
} from './globalAdvisories';

type Operation = keyof operations;

type Reply = {
  status: number;
  body?: unknown;
  /** Bytes sent as they are instead of a JSON body (archives, raw file contents). */
  raw?: Buffer;
  headers?: Record<string, string>;
};

/** A documented response of an operation, typed by GitHub's OpenAPI description. */
function reply<
  K extends Operation,
  S extends keyof operations[K]['responses'] & number,
>(_operation: K, status: S, body: ResponseOf<K, S>): Reply {
  return { status, body };
}

const DOCS = 'https://docs.github.com/rest';

function notFound(): Reply {
  const body: BasicError = { message: 'Not Found', documentation_url: DOCS };
  return { status: 404, body };
}

function validationFailed(
  errors: NonNullable<ValidationError['errors']>,
  message = 'Validation Failed',
): Reply {
  const body: ValidationError = { message, documentation_url: DOCS, errors };
  return { status: 422, body };
}

/**
 * A request the simulator received.
 *
 * @public
 */
export interface SimulatedRequest {
  method: string;
  path: string;
  /** The GitHub REST operation it matched (`git/create-tree`); `git` for the git protocol. */
  operation?: string;
  authorization?: string;
  /** The status it was answered with. */
  status?: number;
  /**
   * Whether it counted against the primary rate limit, as GitHub counts: an
   * API request does, a conditional request answered 304 and a git
   * protocol request do not.
   */
  counted?: boolean;
}

/**
 * GitHub's primary rate limit: `limit` requests per window (GitHub: 5,000
 * per hour for a token), reset a window after the first request of a window.
 *
 * @public
 */
export interface SimulatedPrimaryRateLimit {
  limit: number;
  /** Default one hour. */
  windowMs?: number;
}

/**
 * GitHub's secondary rate limit: more than `maxRequests` API requests within
 * `perMs` are answered 429 with `retry-after: retryAfterSeconds`.
 *
 * @public
 */
export interface SimulatedSecondaryRateLimit {
  maxRequests: number;
  perMs: number;
  retryAfterSeconds: number;
}

/**
 * A response to send instead of the simulated one.
 *
 * @public
 */
export interface InjectedFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface SimulatedRepository {
  facts: RepositoryFacts;
  git: BareRepository;
  pulls: StoredPullRequest[];
  checkRuns: StoredCheckRun[];
  issues: StoredIssue[];
  comments: StoredComment[];
  /** Check run ids re-requested, in order. */
  rerequests: number[];
  releases: StoredRelease[];
  deployments: StoredDeployment[];
  /** The plain-text logs of GitHub Actions jobs, by job id (a job's id is its check run's). */
  jobLogs: Map<number, string>;
  /** Writes run one at a time per repository, as on GitHub. */
  writes: Promise<unknown>;
}

interface RouteContext {
  repo: SimulatedRepository;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  accept?: string;
}

interface Route {
  method: string;
  pattern: RegExp;
  operation: Operation;
  handle(this: GithubSimulator, context: RouteContext): Promise<Reply>;
}

/** An operation outside any repository (`/advisories`). */
interface GlobalRoute {
  global: true;
  method: string;
  pattern: RegExp;
  operation: Operation;
  handle(this: GithubSimulator, query: URLSearchParams): Promise<Reply>;
}

const REPO = '/repos/([^/]+)/([^/]+)';

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** The signature of a job log's download URL: a hash of the token, never the token. */
function logSignature(token: string, fullName: string, jobId: string): string {
  return createHash('sha256')
    .update(`${token}:${fullName.toLowerCase()}:${jobId}`)
    .digest('hex');
}

const fullNameOf = (repo: SimulatedRepository) =>
  `${repo.facts.owner}/${repo.facts.name}`;

async function headSha(repo: SimulatedRepository, ref: string) {
  return (await repo.git.resolveRef(`refs/heads/${ref}`)) ?? '';
}

async function withCurrentShas(
  repo: SimulatedRepository,
  pr: StoredPullRequest,
): Promise<StoredPullRequest> {
  return {
    ...pr,
    head: {
      ref: pr.head.ref,
      sha: (await headSha(repo, pr.head.ref)) || pr.head.sha,
    },
    base: {
      ref: pr.base.ref,
      sha: (await headSha(repo, pr.base.ref)) || pr.base.sha,
    },
  };
}

/** The commits and files of a pull request: what its head adds to the merge base. */
async function pullRequestChanges(
  repo: SimulatedRepository,
  pr: StoredPullRequest,
): Promise<{ head: string; commits: string[]; files: ChangedFile[] }> {
  const current = await withCurrentShas(repo, pr);
  const { head, base } = { head: current.head.sha, base: current.base.sha };
  const mergeBase = (await repo.git.git(['merge-base', base, head])).trim();
  const commits = (
    await repo.git.git(['rev-list', '--reverse', `${mergeBase}..${head}`])
  )
    .split('\n')
    .filter(Boolean);
  const diff = (...args: string[]) =>
    repo.git.git(['diff', '--no-renames', '-z', ...args, mergeBase, head]);
  const statuses = (await diff('--name-status')).split('\0').filter(Boolean);
  const counts = new Map<string, [number, number]>();
  for (const line of (await diff('--numstat')).split('\0').filter(Boolean)) {
    const [added, deleted, path] = line.split('\t');
    counts.set(path, [Number(added) || 0, Number(deleted) || 0]);
  }
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < statuses.length; i += 2) {
    const [letter, filename] = [statuses[i], statuses[i + 1]];
    const status =
      ({ A: 'added', D: 'removed' } as Record<string, ChangedFile['status']>)[
        letter
      ] ?? 'modified';
    const blob =
      status === 'removed'
        ? ''
        : (await repo.git.git(['rev-parse', `${head}:${filename}`])).trim();
    const [additions, deletions] = counts.get(filename) ?? [0, 0];
    files.push({ filename, status, sha: blob, additions, deletions });
  }
  return { head, commits, files };
}

/** A branch, tag or commit sha of the repository, as the commit it names. */
async function resolveCommitish(
  repo: SimulatedRepository,
  ref: string,
): Promise<string | undefined> {
  return (
    (await repo.git.resolveRef(`refs/heads/${ref}`)) ??
    (await repo.git.resolveRef(`refs/tags/${ref}`)) ??
    (/^[0-9a-f]{40}$/.test(ref) && (await repo.git.objectType(ref)) === 'commit'
      ? ref
      : undefined)
  );
}

/** A strong validator of a response's content, as GitHub sends in `etag`. */
function etagOf(answer: Reply): string {
  const hash = createHash('sha1');
  hash.update(answer.raw ?? JSON.stringify(answer.body ?? null));
  return `"${hash.digest('hex')}"`;
}

/** The page GitHub's `per_page` and `page` query parameters ask for. */
function page<T>(items: T[], query: URLSearchParams): T[] {
  const perPage = Math.min(100, Number(query.get('per_page') ?? 30) || 30);
  const number = Math.max(1, Number(query.get('page') ?? 1) || 1);
  return items.slice((number - 1) * perPage, number * perPage);
}

/** The body of `POST .../check-runs` and `PATCH .../check-runs/{id}`, as GitHub documents it. */
interface CheckRunInput {
  name?: string;
  head_sha?: string;
  status?: StoredCheckRun['status'];
  conclusion?: NonNullable<StoredCheckRun['conclusion']>;
  completed_at?: string;
  output?: {
    title?: string;
    summary?: string;
    text?: string;
    annotations?: CheckRunAnnotation[];
  };
}

function applyCheckRunInput(run: StoredCheckRun, input: CheckRunInput) {
  if (input.status) run.status = input.status;
  if (input.conclusion) {
    run.conclusion = input.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed' && !run.completedAt) {
    run.completedAt =
      input.completed_at ?? new Date().toISOString().replace(/\.\d{3}/, '');
  }
  if (input.output) {
    run.output = {
      title: input.output.title ?? null,
      summary: input.output.summary ?? null,
      text: input.output.text ?? null,
    };
    run.annotations.push(...(input.output.annotations ?? []));
  }
}

function invalidAnnotations(input: CheckRunInput): Reply | undefined {
  const annotations = input.output?.annotations ?? [];
  if (annotations.length > 50) {
    return validationFailed([], 'Only 50 annotations are allowed per request');
  }
  const broken = annotations.find(
    a =>
      !a.path ||
      !a.message ||
      !(a.start_line >= 1) ||
      !(a.end_line >= a.start_line) ||
      !['notice', 'warning', 'failure'].includes(a.annotation_level),
  );
  return broken
    ? validationFailed([
        { resource: 'CheckRun', field: 'annotations', code: 'invalid' },
      ])
    : undefined;
}

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}$`),
    operation: 'repos/get',
    async handle(this: GithubSimulator, { repo }) {
      return reply('repos/get', 200, fullRepository(this.urls, repo.facts));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/git/ref/(.+)$`),
    operation: 'git/get-ref',
    async handle(this: GithubSimulator, { repo, params: [ref] }) {
      const sha = await repo.git.resolveRef(`refs/${ref}`);
      if (!sha) return notFound();
      return reply(
        'git/get-ref',
        200,
        gitRef(this.urls, fullNameOf(repo), `refs/${ref}`, sha),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/git/refs$`),
    operation: 'git/create-ref',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'git/create-ref'>;
      if (!/^refs\/.+\/.+/.test(input?.ref ?? '')) {
        return validationFailed(
          [],
          "Reference name must start with 'refs/' and have at least two slashes.",
        );
      }
      if ((await repo.git.objectType(input.sha)) !== 'commit') {
        return validationFailed([], 'Object does not exist');
      }
      if (await repo.git.resolveRef(input.ref)) {
        return validationFailed([], 'Reference already exists');
      }
      await repo.git.updateRef(input.ref, input.sha, '');
      return reply(
        'git/create-ref',
        201,
        gitRef(this.urls, fullNameOf(repo), input.ref, input.sha),
      );
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${REPO}/git/refs/(.+)$`),
    operation: 'git/update-ref',
    async handle(this: GithubSimulator, { repo, params: [ref], body }) {
      const input = body as RequestBodyOf<'git/update-ref'>;
      const current = await repo.git.resolveRef(`refs/${ref}`);
      if (!current) return validationFailed([], 'Reference does not exist');
      if ((await repo.git.objectType(input.sha)) !== 'commit') {
        return validationFailed([], 'Object does not exist');
      }
      if (!input.force && !(await repo.git.isAncestor(current, input.sha))) {
        return validationFailed([], 'Update is not a fast forward');
      }
      await repo.git.updateRef(`refs/${ref}`, input.sha, current);
      return reply(
        'git/update-ref',
        200,
        gitRef(this.urls, fullNameOf(repo), `refs/${ref}`, input.sha),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/git/commits/([0-9a-f]{40})$`),
    operation: 'git/get-commit',
    async handle(this: GithubSimulator, { repo, params: [sha] }) {
      const commit = await repo.git.readCommit(sha);
      if (!commit) return notFound();
      return reply(
        'git/get-commit',
        200,
        gitCommit(this.urls, fullNameOf(repo), commit),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/git/commits$`),
    operation: 'git/create-commit',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'git/create-commit'>;
      if (!input?.message || !input.tree) {
        return validationFailed([
          {
            resource: 'Commit',
            field: input?.message ? 'tree' : 'message',
            code: 'missing_field',
          },
        ]);
      }
      if ((await repo.git.objectType(input.tree)) !== 'tree') {
        return validationFailed([], 'Tree SHA does not exist');
      }
      for (const parent of input.parents ?? []) {
        if ((await repo.git.objectType(parent)) !== 'commit') {
          return validationFailed(
            [],
            'Parent SHA does not exist or is not a commit object',
          );
        }
      }
      const sha = await repo.git.writeCommit({
        tree: input.tree,
        parents: input.parents ?? [],
        message: input.message,
        author: input.author,
      });
      const commit = (await repo.git.readCommit(sha))!;
      return reply(
        'git/create-commit',
        201,
        gitCommit(this.urls, fullNameOf(repo), commit),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/git/blobs$`),
    operation: 'git/create-blob',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'git/create-blob'>;
      if (typeof input?.content !== 'string') {
        return validationFailed([
          { resource: 'Blob', field: 'content', code: 'missing_field' },
        ]);
      }
      const encoding = input.encoding ?? 'utf-8';
      if (encoding !== 'utf-8' && encoding !== 'base64') {
        return validationFailed([
          { resource: 'Blob', field: 'encoding', code: 'invalid' },
        ]);
      }
      const sha = await repo.git.writeBlob(
        Buffer.from(input.content, encoding === 'base64' ? 'base64' : 'utf8'),
      );
      return reply('git/create-blob', 201, {
        sha,
        url: `${this.urls.api}/repos/${fullNameOf(repo)}/git/blobs/${sha}`,
      });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/git/trees$`),
    operation: 'git/create-tree',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'git/create-tree'>;
      if (!Array.isArray(input?.tree)) {
        return validationFailed([
          { resource: 'Tree', field: 'tree', code: 'missing_field' },
        ]);
      }
      if (
        input.base_tree &&
        (await repo.git.objectType(input.base_tree)) !== 'tree'
      ) {
        return validationFailed([], 'Invalid tree info');
      }
      const existing = input.base_tree
        ? new Set(
            (await repo.git.readTree(input.base_tree, true))!.map(e => e.path),
          )
        : new Set<string>();
      const changes = [];
      for (const entry of input.tree) {
        if (!entry.path || !entry.mode) {
          return validationFailed(
            [],
            'Must supply a valid tree.path and tree.mode',
          );
        }
        let sha = entry.sha;
        if (entry.content !== undefined) {
          sha = await repo.git.writeBlob(Buffer.from(entry.content, 'utf8'));
        } else if (sha === null) {
          // GitHub refuses to delete what the base tree does not have.
          if (!existing.has(entry.path)) {
            return validationFailed([], 'GitRPC::BadObjectState');
          }
        } else if (
          !sha ||
          (await repo.git.objectType(sha)) !== (entry.type ?? 'blob')
        ) {
          return validationFailed(
            [],
            `tree.sha ${sha} is not a valid ${entry.type ?? 'blob'}`,
          );
        }
        changes.push({ path: entry.path, mode: entry.mode, sha: sha ?? null });
      }
      const sha = await repo.git.writeTree(input.base_tree, changes);
      const entries = (await repo.git.readTree(sha, false))!;
      return reply(
        'git/create-tree',
        201,
        gitTree(this.urls, fullNameOf(repo), sha, entries),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/git/trees/([^/]+)$`),
    operation: 'git/get-tree',
    async handle(this: GithubSimulator, { repo, params: [sha], query }) {
      const recursive = query.has('recursive');
      const entries = await repo.git.readTree(sha, recursive);
      if (!entries) return notFound();
      const tree =
        (await repo.git.objectType(sha)) === 'commit'
          ? (await repo.git.readCommit(sha))!.tree
          : sha;
      return reply(
        'git/get-tree',
        200,
        gitTree(this.urls, fullNameOf(repo), tree, entries),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/contents((?:/.*)?)$`),
    operation: 'repos/get-content',
    async handle(
      this: GithubSimulator,
      { repo, params: [rawPath], query, accept },
    ) {
      const ref = query.get('ref') || repo.facts.defaultBranch;
      const commit =
        (await repo.git.resolveRef(`refs/heads/${ref}`)) ??
        (await repo.git.resolveRef(`refs/tags/${ref}`)) ??
        ((await repo.git.objectType(ref)) === 'commit' ? ref : undefined);
      if (!commit) {
        const body: BasicError = {
          message: `No commit found for the ref ${ref}`,
          documentation_url: DOCS,
        };
        return { status: 404, body };
      }
      const path = (rawPath ?? '').replace(/^\/+|\/+$/g, '');
      const spec = path ? `${commit}:${path}` : `${commit}^{tree}`;
      const sha = (await repo.git.resolveObject(spec)) ?? '';
      const type = sha ? await repo.git.objectType(sha) : undefined;
      if (type === 'blob') {
        const content = await repo.git.readBlob(sha);
        if (accept?.includes('application/vnd.github.v3.raw')) {
          return { status: 200, raw: content };
        }
        const entry: ContentEntry = {
          path,
          type: 'file',
          sha,
          size: content.length,
        };
        return reply(
          'repos/get-content',
          200,
          contentFile(this.urls, fullNameOf(repo), ref, entry, content),
        );
      }
      if (type === 'tree') {
        const entries = (await repo.git.readTree(sha, false))!.map(
          (e): ContentEntry => ({
            path: path ? `${path}/${e.path}` : e.path,
            type: { blob: 'file', tree: 'dir', commit: 'submodule' }[
              e.type
            ] as ContentEntry['type'],
            sha: e.sha,
            size: e.size ?? 0,
          }),
        );
        return reply(
          'repos/get-content',
          200,
          contentDirectory(this.urls, fullNameOf(repo), ref, entries),
        );
      }
      return notFound();
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/commits/([^/]+)/status$`),
    operation: 'repos/get-combined-status-for-ref',
    async handle(this: GithubSimulator, { repo, params: [ref] }) {
      const sha = await resolveCommitish(repo, ref);
      if (!sha) return notFound();
      return reply('repos/get-combined-status-for-ref', 200, {
        state: 'pending',
        statuses: [],
        sha,
        total_count: 0,
        repository: repository(this.urls, repo.facts),
        commit_url: `${this.urls.api}/repos/${fullNameOf(repo)}/commits/${sha}`,
        url: `${this.urls.api}/repos/${fullNameOf(repo)}/commits/${sha}/status`,
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/tarball(?:/(.+))?$`),
    operation: 'repos/download-tarball-archive',
    async handle(this: GithubSimulator, { repo, params: [ref] }) {
      const sha = await resolveCommitish(repo, ref || repo.facts.defaultBranch);
      if (!sha) return notFound();
      // GitHub redirects to codeload; the archive is served here directly.
      const prefix = `${repo.facts.owner}-${repo.facts.name}-${sha.slice(
        0,
        7,
      )}`;
      return {
        status: 200,
        raw: await repo.git.archive(sha, prefix),
        headers: { 'content-type': 'application/x-gzip' },
      };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/pulls$`),
    operation: 'pulls/list',
    async handle(this: GithubSimulator, { repo, query }) {
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const base = query.get('base');
      // GitHub ignores a head filter without the `user:` part.
      const [headOwner, headRef] = head?.includes(':') ? head.split(':') : [];
      const matching = repo.pulls.filter(
        pr =>
          (state === 'all' || pr.state === state) &&
          (!headRef ||
            (headOwner.toLowerCase() === repo.facts.owner.toLowerCase() &&
              pr.head.ref === headRef)) &&
          (!base || pr.base.ref === base),
      );
      const items = [];
      for (const pr of matching) {
        items.push(
          pullRequestSimple(
            this.urls,
            repo.facts,
            await withCurrentShas(repo, pr),
          ),
        );
      }
      return reply('pulls/list', 200, items);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/pulls$`),
    operation: 'pulls/create',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'pulls/create'>;
      const head = input?.head?.includes(':')
        ? input.head.split(':')[1]
        : input?.head;
      const headCommit =
        head && (await repo.git.resolveRef(`refs/heads/${head}`));
      const baseCommit =
        input?.base && (await repo.git.resolveRef(`refs/heads/${input.base}`));
      const invalid = [
        ...(headCommit
          ? []
          : [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]),
        ...(baseCommit
          ? []
          : [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]),
      ];
      if (invalid.length || !headCommit || !baseCommit)
        return validationFailed(invalid);
      if (
        repo.pulls.some(
          pr =>
            pr.state === 'open' &&
            pr.head.ref === head &&
            pr.base.ref === input.base,
        )
      ) {
        return validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${repo.facts.owner}:${head}.`,
          },
        ]);
      }
      if (await repo.git.isAncestor(headCommit, baseCommit)) {
        return validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `No commits between ${input.base} and ${head}`,
          },
        ]);
      }
      const now = new Date().toISOString().replace(/\.\d{3}/, '');
      const stored: StoredPullRequest = {
        id: this.nextPullId(),
        number: repo.pulls.length + repo.issues.length + 1,
        state: 'open',
        title: input.title ?? head,
        body: input.body ?? null,
        head: { ref: head, sha: headCommit },
        base: { ref: input.base, sha: baseCommit },
        draft: input.draft ?? false,
        createdAt: now,
        updatedAt: now,
      };
      repo.pulls.push(stored);
      return reply(
        'pulls/create',
        201,
        pullRequest(this.urls, repo.facts, stored),
      );
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)$`),
    operation: 'pulls/update',
    async handle(this: GithubSimulator, { repo, params: [number], body }) {
      const input = (body ?? {}) as RequestBodyOf<'pulls/update'>;
      const stored = repo.pulls.find(pr => pr.number === Number(number));
      if (!stored) return notFound();
      if (
        input.base &&
        !(await repo.git.resolveRef(`refs/heads/${input.base}`))
      ) {
        return validationFailed([
          { resource: 'PullRequest', field: 'base', code: 'invalid' },
        ]);
      }
      if (input.title !== undefined) stored.title = input.title;
      if (input.body !== undefined) stored.body = input.body;
      if (input.state) stored.state = input.state;
      if (input.base)
        stored.base = { ref: input.base, sha: await headSha(repo, input.base) };
      stored.updatedAt = new Date().toISOString().replace(/\.\d{3}/, '');
      return reply(
        'pulls/update',
        200,
        pullRequest(this.urls, repo.facts, await withCurrentShas(repo, stored)),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)$`),
    operation: 'pulls/get',
    async handle(this: GithubSimulator, { repo, params: [number] }) {
      const stored = repo.pulls.find(pr => pr.number === Number(number));
      if (!stored) return notFound();
      return reply(
        'pulls/get',
        200,
        pullRequest(this.urls, repo.facts, await withCurrentShas(repo, stored)),
      );
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)/merge$`),
    operation: 'pulls/merge',
    async handle(this: GithubSimulator, { repo, params: [number], body }) {
      const input = (body ?? {}) as NonNullable<RequestBodyOf<'pulls/merge'>>;
      const stored = repo.pulls.find(pr => pr.number === Number(number));
      if (!stored) return notFound();
      const notMergeable: BasicError = {
        message: 'Pull Request is not mergeable',
        documentation_url: DOCS,
      };
      const head = await headSha(repo, stored.head.ref);
      const base = await headSha(repo, stored.base.ref);
      if (stored.state !== 'open' || !head || !base) {
        return { status: 405, body: notMergeable };
      }
      if (input.sha && input.sha !== head) {
        const modified: BasicError = {
          message: 'Head branch was modified. Review and try the merge again.',
          documentation_url: DOCS,
        };
        return { status: 409, body: modified };
      }
      // GitHub would merge a base that moved on; the simulator only merges
      // heads built on the current base, and says so like a conflict.
      if (!(await repo.git.isAncestor(base, head))) {
        return { status: 405, body: notMergeable };
      }
      const headCommit = await repo.git.readCommit(head);
      const method = input.merge_method ?? 'merge';
      const title =
        input.commit_title ??
        (method === 'squash'
          ? `${stored.title} (#${stored.number})`
          : `Merge pull request #${stored.number} from ${repo.facts.owner}/${stored.head.ref}`);
      const merged =
        method === 'rebase'
          ? head
          : await repo.git.writeCommit({
              tree: headCommit!.tree,
              parents: method === 'squash' ? [base] : [base, head],
              message: `${title}\n\n${input.commit_message ?? ''}`.trimEnd(),
            });
      await repo.git.updateRef(`refs/heads/${stored.base.ref}`, merged, base);
      const now = new Date().toISOString().replace(/\.\d{3}/, '');
      stored.state = 'closed';
      stored.merged = { at: now, sha: merged };
      stored.base = { ref: stored.base.ref, sha: merged };
      stored.head = { ref: stored.head.ref, sha: head };
      stored.updatedAt = now;
      return reply('pulls/merge', 200, {
        sha: merged,
        merged: true,
        message: 'Pull Request successfully merged',
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)/commits$`),
    operation: 'pulls/list-commits',
    async handle(this: GithubSimulator, { repo, params: [number], query }) {
      const pr = repo.pulls.find(p => p.number === Number(number));
      if (!pr) return notFound();
      const { commits } = await pullRequestChanges(repo, pr);
      const items = [];
      for (const sha of page(commits, query)) {
        items.push(
          pullRequestCommit(
            this.urls,
            fullNameOf(repo),
            (await repo.git.readCommit(sha))!,
          ),
        );
      }
      return reply('pulls/list-commits', 200, items);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/pulls/(\\d+)/files$`),
    operation: 'pulls/list-files',
    async handle(this: GithubSimulator, { repo, params: [number], query }) {
      const pr = repo.pulls.find(p => p.number === Number(number));
      if (!pr) return notFound();
      const { head, files } = await pullRequestChanges(repo, pr);
      return reply(
        'pulls/list-files',
        200,
        page(files, query).map(file =>
          diffEntry(this.urls, fullNameOf(repo), head, file),
        ),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/issues$`),
    operation: 'issues/list-for-repo',
    async handle(this: GithubSimulator, { repo, query }) {
      const state = query.get('state') ?? 'open';
      const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
      const items = repo.issues
        .filter(
          stored =>
            (state === 'all' || stored.state === state) &&
            labels.every(label => stored.labels.includes(label)),
        )
        .map(stored => issue(this.urls, repo.facts, stored));
      return reply('issues/list-for-repo', 200, items);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/check-runs$`),
    operation: 'checks/create',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = (body ?? {}) as CheckRunInput;
      if (!input.name || !input.head_sha) {
        return validationFailed([
          {
            resource: 'CheckRun',
            field: input.name ? 'head_sha' : 'name',
            code: 'missing_field',
          },
        ]);
      }
      if ((await repo.git.objectType(input.head_sha)) !== 'commit') {
        return validationFailed(
          [],
          `No commit found for SHA: ${input.head_sha}`,
        );
      }
      const invalid = invalidAnnotations(input);
      if (invalid) return invalid;
      const run: StoredCheckRun = {
        id: this.nextPullId(),
        name: input.name,
        headSha: input.head_sha,
        status: 'queued',
        conclusion: null,
        output: { title: null, summary: null, text: null },
        annotations: [],
        startedAt: new Date().toISOString().replace(/\.\d{3}/, ''),
        completedAt: null,
      };
      applyCheckRunInput(run, input);
      repo.checkRuns.push(run);
      return reply(
        'checks/create',
        201,
        checkRun(this.urls, fullNameOf(repo), run),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/issues$`),
    operation: 'issues/create',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'issues/create'>;
      if (!input?.title) {
        return validationFailed([
          { resource: 'Issue', field: 'title', code: 'missing_field' },
        ]);
      }
      const now = new Date().toISOString().replace(/\.\d{3}/, '');
      const stored: StoredIssue = {
        id: this.nextPullId(),
        number: repo.pulls.length + repo.issues.length + 1,
        state: 'open',
        title: String(input.title),
        body: input.body ?? null,
        labels: (input.labels ?? []).map(label =>
          typeof label === 'string' ? label : label.name ?? '',
        ),
        createdAt: now,
        updatedAt: now,
      };
      repo.issues.push(stored);
      return reply('issues/create', 201, issue(this.urls, repo.facts, stored));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/deployments$`),
    operation: 'repos/create-deployment',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'repos/create-deployment'>;
      if (!input?.ref) {
        return validationFailed([
          { resource: 'Deployment', field: 'ref', code: 'missing_field' },
        ]);
      }
      const sha =
        (await repo.git.resolveRef(`refs/heads/${input.ref}`)) ??
        (await repo.git.resolveRef(`refs/tags/${input.ref}`)) ??
        ((await repo.git.objectType(input.ref)) === 'commit'
          ? input.ref
          : undefined);
      if (!sha) {
        return validationFailed([], `No ref found for: ${input.ref}`);
      }
      const stored: StoredDeployment = {
        id: this.nextPullId(),
        sha,
        ref: input.ref,
        task: input.task ?? 'deploy',
        environment: input.environment ?? 'production',
        description: input.description ?? null,
        createdAt: new Date().toISOString().replace(/\.\d{3}/, ''),
      };
      repo.deployments.push(stored);
      return reply(
        'repos/create-deployment',
        201,
        deployment(this.urls, repo.facts, stored),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/deployments$`),
    operation: 'repos/list-deployments',
    async handle(this: GithubSimulator, { repo, query }) {
      // Newest first, filtered as GitHub filters.
      const matches = [...repo.deployments].reverse().filter(d =>
        (['sha', 'ref', 'task', 'environment'] as const).every(field => {
          const wanted = query.get(field);
          return wanted === null || d[field] === wanted;
        }),
      );
      return reply(
        'repos/list-deployments',
        200,
        page(matches, query).map(d => deployment(this.urls, repo.facts, d)),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/actions/jobs/(\\d+)/logs$`),
    operation: 'actions/download-job-logs-for-workflow-run',
    async handle(this: GithubSimulator, { repo, params: [id] }) {
      if (!repo.jobLogs.has(Number(id))) return notFound();
      // As on GitHub: a redirect to a short-lived URL that needs no token.
      return {
        status: 302,
        headers: {
          location: `${this.urls.web}/_job-logs/${fullNameOf(
            repo,
          )}/${id}?signature=${logSignature(this.token, fullNameOf(repo), id)}`,
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/releases$`),
    operation: 'repos/create-release',
    async handle(this: GithubSimulator, { repo, body }) {
      const input = body as RequestBodyOf<'repos/create-release'>;
      if (!input?.tag_name) {
        return validationFailed([
          { resource: 'Release', field: 'tag_name', code: 'missing_field' },
        ]);
      }
      if (repo.releases.some(r => r.tagName === input.tag_name)) {
        return validationFailed([
          { resource: 'Release', field: 'tag_name', code: 'already_exists' },
        ]);
      }
      const target = input.target_commitish ?? repo.facts.defaultBranch;
      // As on GitHub, a missing tag is created at the target (a branch or a commit).
      if (!(await repo.git.resolveRef(`refs/tags/${input.tag_name}`))) {
        const sha =
          (await repo.git.resolveRef(`refs/heads/${target}`)) ??
          ((await repo.git.objectType(target)) === 'commit'
            ? target
            : undefined);
        if (!sha) {
          return validationFailed([
            {
              resource: 'Release',
              field: 'target_commitish',
              code: 'invalid',
            },
          ]);
        }
        await repo.git.updateRef(`refs/tags/${input.tag_name}`, sha, '');
      }
      const stored: StoredRelease = {
        id: this.nextPullId(),
        tagName: input.tag_name,
        targetCommitish: target,
        name: input.name ?? null,
        body: input.body ?? null,
        draft: input.draft ?? false,
        prerelease: input.prerelease ?? false,
        createdAt: new Date().toISOString().replace(/\.\d{3}/, ''),
      };
      repo.releases.push(stored);
      return reply(
        'repos/create-release',
        201,
        release(this.urls, repo.facts, stored),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/releases$`),
    operation: 'repos/list-releases',
    async handle(this: GithubSimulator, { repo, query }) {
      const newestFirst = [...repo.releases].reverse();
      return reply(
        'repos/list-releases',
        200,
        page(newestFirst, query).map(r => release(this.urls, repo.facts, r)),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/releases/tags/(.+)$`),
    operation: 'repos/get-release-by-tag',
    async handle(this: GithubSimulator, { repo, params: [tag] }) {
      const stored = repo.releases.find(
        r => r.tagName === decodeURIComponent(tag),
      );
      if (!stored) return notFound();
      return reply(
        'repos/get-release-by-tag',
        200,
        release(this.urls, repo.facts, stored),
      );
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${REPO}/check-runs/(\\d+)$`),
    operation: 'checks/update',
    async handle(this: GithubSimulator, { repo, params: [id], body }) {
      const run = repo.checkRuns.find(r => r.id === Number(id));
      if (!run) return notFound();
      const input = (body ?? {}) as CheckRunInput;
      const invalid = invalidAnnotations(input);
      if (invalid) return invalid;
      if (input.name) run.name = input.name;
      applyCheckRunInput(run, input);
      return reply(
        'checks/update',
        200,
        checkRun(this.urls, fullNameOf(repo), run),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/commits/([^/]+)/check-runs$`),
    operation: 'checks/list-for-ref',
    async handle(this: GithubSimulator, { repo, params: [ref], query }) {
      const sha =
        (await repo.git.resolveRef(`refs/heads/${ref}`)) ??
        ((await repo.git.objectType(ref)) === 'commit' ? ref : undefined);
      if (!sha) return notFound();
      const name = query.get('check_name');
      const runs = repo.checkRuns.filter(
        r => r.headSha === sha && (!name || r.name === name),
      );
      return reply('checks/list-for-ref', 200, {
        total_count: runs.length,
        check_runs: page(runs, query).map(r =>
          checkRun(this.urls, fullNameOf(repo), r),
        ),
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/check-runs/(\\d+)$`),
    operation: 'checks/get',
    async handle(this: GithubSimulator, { repo, params: [id] }) {
      const run = repo.checkRuns.find(r => r.id === Number(id));
      if (!run) return notFound();
      return reply(
        'checks/get',
        200,
        checkRun(this.urls, fullNameOf(repo), run),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/check-runs/(\\d+)/annotations$`),
    operation: 'checks/list-annotations',
    async handle(this: GithubSimulator, { repo, params: [id], query }) {
      const run = repo.checkRuns.find(r => r.id === Number(id));
      if (!run) return notFound();
      return reply(
        'checks/list-annotations',
        200,
        page(run.annotations, query).map(a =>
          checkAnnotation(this.urls, fullNameOf(repo), run, a),
        ),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/check-runs/(\\d+)/rerequest$`),
    operation: 'checks/rerequest-run',
    async handle(this: GithubSimulator, { repo, params: [id] }) {
      const run = repo.checkRuns.find(r => r.id === Number(id));
      if (!run) return notFound();
      // As on GitHub: the run goes back to queued with its conclusion
      // cleared, for the check's app (the test) to run it again.
      run.status = 'queued';
      run.conclusion = null;
      run.completedAt = null;
      repo.rerequests.push(run.id);
      return reply('checks/rerequest-run', 201, {});
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    operation: 'issues/list-comments',
    async handle(this: GithubSimulator, { repo, params: [number], query }) {
      const comments = repo.comments.filter(
        c => c.issueNumber === Number(number),
      );
      return reply(
        'issues/list-comments',
        200,
        page(comments, query).map(c => issueComment(this.urls, repo.facts, c)),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${REPO}/issues/(\\d+)/comments$`),
    operation: 'issues/create-comment',
    async handle(this: GithubSimulator, { repo, params: [number], body }) {
      const input = body as RequestBodyOf<'issues/create-comment'>;
      if (!input?.body) {
        return validationFailed([
          { resource: 'IssueComment', field: 'body', code: 'missing_field' },
        ]);
      }
      const n = Number(number);
      if (
        !repo.pulls.some(p => p.number === n) &&
        !repo.issues.some(i => i.number === n)
      ) {
        return notFound();
      }
      const stored: StoredComment = {
        id: this.nextPullId(),
        issueNumber: n,
        body: String(input.body),
        createdAt: new Date().toISOString().replace(/\.\d{3}/, ''),
      };
      repo.comments.push(stored);
      return reply(
        'issues/create-comment',
        201,
        issueComment(this.urls, repo.facts, stored),
      );
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${REPO}/issues/(\\d+)$`),
    operation: 'issues/update',
    async handle(this: GithubSimulator, { repo, params: [number], body }) {
      const input = (body ?? {}) as RequestBodyOf<'issues/update'>;
      const stored = repo.issues.find(i => i.number === Number(number));
      if (!stored) return notFound();
      if (input.title !== undefined && input.title !== null)
        stored.title = String(input.title);
      if (input.body !== undefined) stored.body = input.body;
      if (input.state) stored.state = input.state;
      stored.updatedAt = new Date().toISOString().replace(/\.\d{3}/, '');
      return reply('issues/update', 200, issue(this.urls, repo.facts, stored));
    },
  },
];

const GLOBAL_ROUTES: GlobalRoute[] = [
  {
    global: true,
    method: 'GET',
    pattern: /^\/advisories$/,
    operation: 'security-advisories/list-global-advisories',
    async handle(this: GithubSimulator, query) {
      const matching = this.listAdvisories().filter(advisory =>
        advisoryMatches(advisory, query),
      );
      // Cursor pagination, as GitHub does for this operation: `after` and a `next` link.
      const perPage = Math.min(100, Number(query.get('per_page') ?? 30) || 30);
      const start = Number(query.get('after') ?? 0) || 0;
      const items = matching.slice(start, start + perPage);
      const headers: Record<string, string> = {};
      if (start + perPage < matching.length) {
        const next = new URLSearchParams(query);
        next.set('after', String(start + perPage));
        headers.link = `<${this.urls.api}/advisories?${next}>; rel="next"`;
      }
      return {
        ...reply(
          'security-advisories/list-global-advisories',
          200,
          items.map(advisory => globalAdvisory(this.urls, advisory)),
        ),
        headers,
      };
    },
  },
];

/**
 * A GitHub server on 127.0.0.1 for tests: the REST API (repositories, git
 * data, pull requests, global security advisories) under `/api/v3`, and git's smart HTTP protocol for
 * clones, both backed by real bare git repositories. Blobs, trees, commits
 * and refs are real git objects; pull requests are kept in memory. Requests
 * and responses follow GitHub's OpenAPI description (`@octokit/openapi-types`).
 * Pull requests list their commits and changed files from git; the contents
 * API serves files and folders at any ref; check runs are kept in memory
 * with every annotation they were sent (an update adds to them, as on GitHub).
 *
 * Credentials are checked like GitHub does: a wrong token gets 401
 * `Bad credentials`. Rate limits are enforced as GitHub does when set
 * (`start({ rateLimit, secondaryRateLimit })` or `setRateLimit`): the
 * primary limit with `x-ratelimit-*` headers and 403 once exhausted until
 * the window resets, the secondary limit with 429 and `retry-after`. GET
 * responses carry an ETag; a request whose `If-None-Match` matches gets 304
 * and, as on GitHub, does not count against the limit. Any response can be
 * replaced once with `failNext`.
 *
 * @public
 */
export class GithubSimulator {
  readonly requests: SimulatedRequest[] = [];
  private readonly repos = new Map<string, SimulatedRepository>();
  private readonly failures: {
    method?: string;
    operation?: Operation;
    failure: InjectedFailure;
  }[] = [];
  private rateLimit?: {
    limit: number;
    remaining: number;
    resetAt: Date;
    windowMs?: number;
  };
  private secondaryRateLimit?: SimulatedSecondaryRateLimit;
  private readonly recentRequests: number[] = [];
  private nextId = 1;
  private readonly advisories: SimulatedAdvisory[] = [];

  private constructor(
    private readonly server: Server,
    private readonly root: string,
    readonly token: string,
  ) {}

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options?: {
    token?: string;
    rateLimit?: SimulatedPrimaryRateLimit;
    secondaryRateLimit?: SimulatedSecondaryRateLimit;
  }): Promise<GithubSimulator> {
    const root = await fs.mkdtemp(join(tmpdir(), 'github-sim-'));
    const server = createServer();
    const simulator = new GithubSimulator(
      server,
      root,
      options?.token ?? 'simulated-token',
    );
    if (options?.rateLimit) simulator.setPrimaryRateLimit(options.rateLimit);
    simulator.secondaryRateLimit = options?.secondaryRateLimit;
    server.on('request', (req, res) => {
      simulator.handle(req, res).catch(error => {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return simulator;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server.close(resolve));
    await fs.rm(this.root, { recursive: true, force: true });
  }

  /** `127.0.0.1:<port>`, the host of a GitHub Enterprise style integration. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get urls(): SimulatedUrls {
    return { web: `http://${this.host}`, api: `http://${this.host}/api/v3` };
  }

  /** One entry of `integrations.github` pointing at this simulator. */
  integrationConfig(host?: string) {
    return {
      host: host ?? this.host,
      apiBaseUrl: this.urls.api,
      token: this.token,
    };
  }

  /** Creates `owner/name` with a history of commits, oldest first, on its default branch. */
  async createRepository(
    fullName: string,
    options: {
      defaultBranch?: string;
      commits: { message: string; files: Record<string, string | null> }[];
    },
  ): Promise<BareRepository> {
    const [owner, name] = fullName.split('/');
    const defaultBranch = options.defaultBranch ?? 'main';
    const git = await BareRepository.create(
      join(this.root, owner, `${name}.git`),
      { defaultBranch, commits: options.commits },
    );
    this.register(fullName, defaultBranch, git);
    return git;
  }

  /**
   * Creates many repositories at once, each as `createRepository` would: the
   * same API, clones and pushes. Their commits are written by one
   * `git fast-import` into an object store the repositories share (git's
   * alternates); refs are each repository's own. For benches of an
   * organisation, where one repository at a time costs a dozen git processes
   * each.
   */
  async createRepositories(
    repositories: {
      fullName: string;
      defaultBranch?: string;
      commits: { message: string; files: Record<string, string | null> }[];
    }[],
  ): Promise<BareRepository[]> {
    const names = new Set<string>();
    for (const { fullName } of repositories) {
      const key = fullName.toLowerCase();
      if (!/^[\w.-]+\/[\w.-]+$/.test(fullName)) {
        throw new Error(`Not a repository name: '${fullName}'`);
      }
      if (this.repos.has(key) || names.has(key)) {
        throw new Error(`Repository ${fullName} exists already`);
      }
      names.add(key);
    }
    const gits = await BareRepository.createMany(
      join(this.root, '.objects.git'),
      repositories.map(created => {
        const [owner, name] = created.fullName.split('/');
        return {
          dir: join(this.root, owner, `${name}.git`),
          defaultBranch: created.defaultBranch ?? 'main',
          commits: created.commits,
        };
      }),
    );
    repositories.forEach((created, i) =>
      this.register(created.fullName, created.defaultBranch ?? 'main', gits[i]),
    );
    return gits;
  }

  private register(
    fullName: string,
    defaultBranch: string,
    git: BareRepository,
  ) {
    const [owner, name] = fullName.split('/');
    this.repos.set(fullName.toLowerCase(), {
      facts: { id: this.nextId++, owner, name, defaultBranch },
      git,
      pulls: [],
      checkRuns: [],
      issues: [],
      comments: [],
      rerequests: [],
      releases: [],
      deployments: [],
      jobLogs: new Map(),
      writes: Promise.resolve(),
    });
  }

  repository(fullName: string): BareRepository {
    return this.mustGet(fullName).git;
  }

  /** The pull requests of a repository, as GitHub would list them (`state=all`). */
  pulls(fullName: string): StoredPullRequest[] {
    return this.mustGet(fullName).pulls.map(pr => ({ ...pr }));
  }

  /** The check runs reported on a repository, oldest first. */
  checkRuns(fullName: string): StoredCheckRun[] {
    return this.mustGet(fullName).checkRuns.map(run => ({
      ...run,
      annotations: [...run.annotations],
    }));
  }

  /**
   * Opens a pull request from `head` to `base` (default: the default branch),
   * as a developer would on github.com.
   */
  async openPullRequest(
    fullName: string,
    options: { head: string; base?: string; title: string; body?: string },
  ): Promise<StoredPullRequest> {
    const repo = this.mustGet(fullName);
    const base = options.base ?? repo.facts.defaultBranch;
    const now = new Date().toISOString().replace(/\.\d{3}/, '');
    const stored: StoredPullRequest = {
      id: this.nextPullId(),
      number: repo.pulls.length + 1,
      state: 'open',
      title: options.title,
      body: options.body ?? null,
      head: { ref: options.head, sha: await headSha(repo, options.head) },
      base: { ref: base, sha: await headSha(repo, base) },
      draft: false,
      createdAt: now,
      updatedAt: now,
    };
    if (!stored.head.sha || !stored.base.sha) {
      throw new Error(`${fullName} has no branch ${options.head} or ${base}`);
    }
    repo.pulls.push(stored);
    return { ...stored };
  }

  /** The comments on an issue or pull request, oldest first. */
  comments(fullName: string, issueNumber: number): StoredComment[] {
    return this.mustGet(fullName)
      .comments.filter(c => c.issueNumber === issueNumber)
      .map(c => ({ ...c }));
  }

  /** The ids of the check runs re-requested (`POST .../rerequest`), in order. */
  checkRunRerequests(fullName: string): number[] {
    return [...this.mustGet(fullName).rerequests];
  }

  /** The releases of a repository, oldest first. */
  releases(fullName: string): StoredRelease[] {
    return this.mustGet(fullName).releases.map(stored => ({ ...stored }));
  }

  /** The deployments of a repository, oldest first. */
  deployments(fullName: string): StoredDeployment[] {
    return this.mustGet(fullName).deployments.map(stored => ({ ...stored }));
  }

  /**
   * Gives check run `jobId` the plain-text log of a GitHub Actions job, served by
   * `GET /repos/{owner}/{repo}/actions/jobs/{jobId}/logs` (on GitHub an Actions
   * job's id is its check run's id).
   */
  setJobLog(fullName: string, jobId: number, log: string): void {
    this.mustGet(fullName).jobLogs.set(jobId, log);
  }

  /** The issues of a repository (`state=all`). */
  issues(fullName: string): StoredIssue[] {
    return this.mustGet(fullName).issues.map(stored => ({
      ...stored,
      labels: [...stored.labels],
    }));
  }

  /** Publishes a reviewed advisory in the global advisory database (`GET /advisories`). */
  addAdvisory(advisory: SimulatedAdvisory): void {
    this.advisories.push({ ...advisory });
  }

  /** The seeded advisories, in the order they were added. */
  listAdvisories(): SimulatedAdvisory[] {
    return this.advisories.map(advisory => ({ ...advisory }));
  }

  /** From now on, `remaining` API calls succeed; later ones hit the limit until `resetAt`. */
  setRateLimit(remaining: number, resetAt: Date): void {
    this.rateLimit = { limit: 5000, remaining, resetAt };
  }

  /** From now on, `limit` counted API requests per window, the first window starting now. */
  setPrimaryRateLimit(rateLimit: SimulatedPrimaryRateLimit): void {
    const windowMs = rateLimit.windowMs ?? 60 * 60 * 1000;
    this.rateLimit = {
      limit: rateLimit.limit,
      remaining: rateLimit.limit,
      resetAt: new Date(Date.now() + windowMs),
      windowMs,
    };
  }

  /** Sets (or with `undefined` lifts) the secondary rate limit. */
  setSecondaryRateLimit(limit: SimulatedSecondaryRateLimit | undefined): void {
    this.secondaryRateLimit = limit;
    this.recentRequests.length = 0;
  }

  /** The requests so far that counted against the primary limit. */
  countedRequests(): number {
    return this.requests.filter(r => r.counted).length;
  }

  /** The next request that matches gets `failure` instead of its response. */
  failNext(
    match: { method?: string; operation?: keyof operations },
    failure: InjectedFailure,
  ): void {
    this.failures.push({ ...match, failure });
  }

  private mustGet(fullName: string): SimulatedRepository {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`The simulator has no repository ${fullName}`);
    return repo;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.urls.web);
    const authorization = req.headers.authorization;
    const gitPath = /^\/([^/]+)\/([^/]+\.git)(\/.*)$/.exec(url.pathname);
    if (gitPath) {
      this.requests.push({
        method: req.method!,
        path: url.pathname,
        operation: 'git',
        authorization,
      });
      const expected = `Basic ${Buffer.from(
        `x-access-token:${this.token}`,
      ).toString('base64')}`;
      if (authorization !== expected) {
        res.statusCode = 401;
        res.setHeader('WWW-Authenticate', 'Basic realm="GitHub"');
        res.end();
        return;
      }
      serveGitHttp(req, res, {
        projectRoot: this.root,
        pathInfo: `/${gitPath[1]}/${gitPath[2]}${gitPath[3]}`,
        query: url.search.replace(/^\?/, ''),
      });
      return;
    }

    const logPath = /^\/_job-logs\/([^/]+)\/([^/]+)\/(\d+)$/.exec(url.pathname);
    if (logPath) {
      this.requests.push({ method: req.method!, path: url.pathname });
      const [, owner, name, jobId] = logPath;
      const log = this.repos
        .get(`${owner}/${name}`.toLowerCase())
        ?.jobLogs.get(Number(jobId));
      const signed =
        url.searchParams.get('signature') ===
        logSignature(this.token, `${owner}/${name}`, jobId);
      res.statusCode = log !== undefined && signed ? 200 : 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(log !== undefined && signed ? log : 'Not Found');
      return;
    }

    const body = await readJson(req);
    const path = url.pathname.replace(/^\/api\/v3/, '');
    const route =
      ROUTES.find(r => r.method === req.method && r.pattern.test(path)) ??
      GLOBAL_ROUTES.find(r => r.method === req.method && r.pattern.test(path));
    const request: SimulatedRequest = {
      method: req.method!,
      path: `${path}${url.search}`,
      operation: route?.operation,
      authorization,
    };
    this.requests.push(request);
    const { reply: result, counted } = await this.respond(
      route,
      path,
      { query: url.searchParams, body, accept: req.headers.accept },
      authorization,
      req.headers['if-none-match'],
    );
    request.status = result.status;
    request.counted = counted;
    res.statusCode = result.status;
    // A 304 has no body, and so no type a client would try to parse.
    if (result.status !== 304) {
      res.setHeader('content-type', 'application/json; charset=utf-8');
    }
    for (const [name, value] of Object.entries({
      ...this.rateLimitHeaders(),
      ...result.headers,
    })) {
      res.setHeader(name, value);
    }
    if (result.status === 304) res.end();
    else if (result.raw) res.end(result.raw);
    else res.end(result.body === undefined ? '' : JSON.stringify(result.body));
  }

  private async respond(
    route: Route | GlobalRoute | undefined,
    path: string,
    request: { query: URLSearchParams; body: unknown; accept?: string },
    authorization: string | undefined,
    ifNoneMatch: string | undefined,
  ): Promise<{ reply: Reply; counted: boolean }> {
    if (
      authorization !== `token ${this.token}` &&
      authorization !== `Bearer ${this.token}`
    ) {
      const error: BasicError = {
        message: 'Bad credentials',
        documentation_url: DOCS,
      };
      return { reply: { status: 401, body: error }, counted: false };
    }
    // A conditional GET whose resource is unchanged costs nothing on GitHub.
    if (ifNoneMatch && route?.method === 'GET') {
      const current = await this.route(route, path, request);
      if (current.status === 200 && etagOf(current) === ifNoneMatch) {
        return {
          reply: { status: 304, headers: { etag: ifNoneMatch } },
          counted: false,
        };
      }
    }
    this.resetRateLimitWindow();
    if (this.rateLimit && this.rateLimit.remaining <= 0) {
      const error: BasicError = {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url: `${DOCS}/overview/resources-in-the-rest-api#rate-limiting`,
      };
      return { reply: { status: 403, body: error }, counted: false };
    }
    if (this.secondaryRateLimit) {
      const { maxRequests, perMs, retryAfterSeconds } = this.secondaryRateLimit;
      const now = Date.now();
      while (
        this.recentRequests.length &&
        this.recentRequests[0] <= now - perMs
      ) {
        this.recentRequests.shift();
      }
      if (this.recentRequests.length >= maxRequests) {
        const error: BasicError = {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
        };
        return {
          reply: {
            status: 429,
            body: error,
            headers: { 'retry-after': String(retryAfterSeconds) },
          },
          counted: false,
        };
      }
      this.recentRequests.push(now);
    }
    if (this.rateLimit) this.rateLimit.remaining -= 1;
    const answer = await this.route(route, path, request);
    if (answer.status === 200 && route?.method === 'GET') {
      answer.headers = { ...answer.headers, etag: etagOf(answer) };
    }
    return { reply: answer, counted: true };
  }

  /** A new window of the primary limit once the last one is over. */
  private resetRateLimitWindow() {
    const limit = this.rateLimit;
    if (!limit?.windowMs || Date.now() < limit.resetAt.getTime()) return;
    limit.remaining = limit.limit;
    limit.resetAt = new Date(Date.now() + limit.windowMs);
  }

  private async route(
    route: Route | GlobalRoute | undefined,
    path: string,
    {
      query,
      body,
      accept,
    }: { query: URLSearchParams; body: unknown; accept?: string },
  ): Promise<Reply> {
    const injected = this.failures.findIndex(
      f =>
        (!f.method || f.method === route?.method) &&
        (!f.operation || f.operation === route?.operation),
    );
    if (injected !== -1) {
      const [{ failure }] = this.failures.splice(injected, 1);
      return failure;
    }
    if (!route) return notFound();
    if ('global' in route) return route.handle.call(this, query);
    const params = route.pattern.exec(path)!.slice(1).map(decodeURIComponent);
    const repo = this.repos.get(`${params[0]}/${params[1]}`.toLowerCase());
    if (!repo) return notFound();
    const context = { repo, params: params.slice(2), query, body, accept };
    if (route.method === 'GET') return route.handle.call(this, context);
    const result = repo.writes.then(() => route.handle.call(this, context));
    repo.writes = result.catch(() => undefined);
    return result;
  }

  private rateLimitHeaders(): Record<string, string> {
    if (!this.rateLimit) return {};
    return {
      'x-ratelimit-limit': String(this.rateLimit.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.rateLimit.remaining)),
      'x-ratelimit-used': String(
        this.rateLimit.limit - Math.max(0, this.rateLimit.remaining),
      ),
      'x-ratelimit-reset': String(
        Math.floor(this.rateLimit.resetAt.getTime() / 1000),
      ),
      'x-ratelimit-resource': 'core',
    };
  }

  /** Ids of pull requests, unique across the simulator's repositories. */
  nextPullId(): number {
    return this.nextId++;
  }
}
