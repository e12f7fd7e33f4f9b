import type { components, operations } from '@octokit/openapi-types';

type Schemas = components['schemas'];
type JsonOf<T> = T extends { content: { 'application/json': infer J } }
  ? J
  : never;

/** The JSON request body of a GitHub REST operation, from GitHub's OpenAPI description. */
export type RequestBodyOf<K extends keyof operations> = operations[K] extends {
  requestBody?: infer B;
}
  ? JsonOf<NonNullable<B>>
  : never;

/** The JSON response of a GitHub REST operation for one status. */
export type ResponseOf<
  K extends keyof operations,
  S extends keyof operations[K]['responses'],
> = JsonOf<operations[K]['responses'][S]>;

/** The error bodies GitHub sends. */
export type BasicError = Schemas['basic-error'];
/** @see BasicError */
export type ValidationError = Schemas['validation-error'];

/** Where the simulated API and web pages live. @public */
export interface SimulatedUrls {
  /** `http://127.0.0.1:1234/api/v3` */
  api: string;
  /** `http://127.0.0.1:1234` */
  web: string;
}

const DATE = '2026-01-01T00:00:00Z';

/** A user or organisation account. */
export function simpleUser(
  urls: SimulatedUrls,
  login: string,
  id: number,
): Schemas['simple-user'] {
  const api = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `${urls.web}/avatars/${login}`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'Organization',
    site_admin: false,
  };
}

/** The facts of a simulated repository that its API objects repeat. */
export interface RepositoryFacts {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
}

function repositoryUrls(urls: SimulatedUrls, fullName: string) {
  const api = `${urls.api}/repos/${fullName}`;
  return {
    url: api,
    html_url: `${urls.web}/${fullName}`,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${new URL(urls.web).host}/${fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${new URL(urls.web).hostname}:${fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${fullName}.git`,
    hooks_url: `${api}/hooks`,
    svn_url: `${urls.web}/${fullName}`,
  };
}

/** `GET /repos/{owner}/{repo}` */
export function fullRepository(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
): ResponseOf<'repos/get', 200> {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    ...repositoryUrls(urls, fullName),
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: fullName,
    owner: simpleUser(urls, repo.owner, repo.id + 1000),
    private: true,
    description: null,
    fork: false,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: DATE,
    created_at: DATE,
    updated_at: DATE,
    permissions: { admin: false, push: true, pull: true },
    subscribers_count: 0,
    network_count: 0,
    license: null,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  };
}

/** `repository`, and the `minimal-repository` that combined statuses embed. */
export function repository(urls: SimulatedUrls, repo: RepositoryFacts) {
  const full = fullRepository(urls, repo);
  return {
    ...repositoryUrls(urls, full.full_name),
    id: full.id,
    node_id: full.node_id,
    name: full.name,
    full_name: full.full_name,
    license: null,
    forks: 0,
    owner: full.owner,
    private: true,
    description: null,
    fork: false,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: DATE,
    created_at: DATE,
    updated_at: DATE,
    open_issues: 0,
    watchers: 0,
  } satisfies Schemas['repository'];
}

/** `git-ref` */
export function gitRef(
  urls: SimulatedUrls,
  fullName: string,
  ref: string,
  sha: string,
): Schemas['git-ref'] {
  const api = `${urls.api}/repos/${fullName}`;
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64')}`,
    url: `${api}/git/${ref}`,
    object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
  };
}

/** `git-commit` */
export function gitCommit(
  urls: SimulatedUrls,
  fullName: string,
  commit: {
    sha: string;
    tree: string;
    parents: string[];
    author: { name: string; email: string; date: string };
    committer: { name: string; email: string; date: string };
    message: string;
  },
): Schemas['git-commit'] {
  const api = `${urls.api}/repos/${fullName}`;
  return {
    sha: commit.sha,
    node_id: `C_${commit.sha}`,
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${urls.web}/${fullName}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message.replace(/\n$/, ''),
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    parents: commit.parents.map(sha => ({
      sha,
      url: `${api}/git/commits/${sha}`,
      html_url: `${urls.web}/${fullName}/commit/${sha}`,
    })),
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    },
  };
}

/** `git-tree` */
export function gitTree(
  urls: SimulatedUrls,
  fullName: string,
  sha: string,
  entries: {
    path: string;
    mode: string;
    type: string;
    sha: string;
    size?: number;
  }[],
): Schemas['git-tree'] {
  const api = `${urls.api}/repos/${fullName}`;
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    truncated: false,
    tree: entries.map(entry => ({
      ...entry,
      url: `${api}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${
        entry.sha
      }`,
    })),
  };
}

/**
 * A pull request as the simulator keeps it.
 *
 * @public
 */
export interface StoredPullRequest {
  id: number;
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  createdAt: string;
  updatedAt: string;
  /** Set when the pull request was merged through the API. */
  merged?: { at: string; sha: string };
}

function pullRequestParts(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
  pr: StoredPullRequest,
) {
  const fullName = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const html = `${urls.web}/${fullName}/pull/${pr.number}`;
  const owner = simpleUser(urls, repo.owner, repo.id + 1000);
  const branch = (side: { ref: string; sha: string }) => ({
    label: `${repo.owner}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: owner,
    repo: repository(urls, repo),
  });
  const link = (href: string) => ({ href });
  return {
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    node_id: `PR_${pr.id}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    commits_url: `${api}/pulls/${pr.number}/commits`,
    review_comments_url: `${api}/pulls/${pr.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    statuses_url: `${api}/statuses/${pr.head.sha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: owner,
    body: pr.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.merged?.at ?? null,
    merged_at: pr.merged?.at ?? null,
    merge_commit_sha: pr.merged?.sha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(pr.head),
    base: branch(pr.base),
    _links: {
      comments: link(`${api}/issues/${pr.number}/comments`),
      commits: link(`${api}/pulls/${pr.number}/commits`),
      statuses: link(`${api}/statuses/${pr.head.sha}`),
      html: link(html),
      issue: link(`${api}/issues/${pr.number}`),
      review_comments: link(`${api}/pulls/${pr.number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      self: link(`${api}/pulls/${pr.number}`),
    },
    author_association: 'OWNER' as const,
    auto_merge: null,
    draft: pr.draft,
  };
}

/** An item of `GET /repos/{owner}/{repo}/pulls`. */
export function pullRequestSimple(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
  pr: StoredPullRequest,
): Schemas['pull-request-simple'] {
  return pullRequestParts(urls, repo, pr);
}

/** `POST /repos/{owner}/{repo}/pulls`, `GET` and `PATCH .../pulls/{number}` */
export function pullRequest(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
  pr: StoredPullRequest,
): Schemas['pull-request'] {
  return {
    ...pullRequestParts(urls, repo, pr),
    merged: Boolean(pr.merged),
    mergeable: pr.state === 'open',
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: true,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

/** An item of `GET /repos/{owner}/{repo}/pulls/{number}/commits`. */
export function pullRequestCommit(
  urls: SimulatedUrls,
  fullName: string,
  commit: {
    sha: string;
    tree: string;
    parents: string[];
    author: { name: string; email: string; date: string };
    committer: { name: string; email: string; date: string };
    message: string;
  },
): Schemas['commit'] {
  const api = `${urls.api}/repos/${fullName}`;
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: `C_${commit.sha}`,
    html_url: `${urls.web}/${fullName}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message.replace(/\n$/, ''),
      comment_count: 0,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    },
    author: null,
    committer: null,
    parents: commit.parents.map(sha => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${urls.web}/${fullName}/commit/${sha}`,
    })),
  };
}

/** A file a pull request changes, as git's diff says. */
export interface ChangedFile {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  sha: string;
  additions: number;
  deletions: number;
}

/** An item of `GET /repos/{owner}/{repo}/pulls/{number}/files`. */
export function diffEntry(
  urls: SimulatedUrls,
  fullName: string,
  headSha: string,
  file: ChangedFile,
): Schemas['diff-entry'] {
  const path = encodeURI(file.filename);
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${urls.web}/${fullName}/blob/${headSha}/${path}`,
    raw_url: `${urls.web}/${fullName}/raw/${headSha}/${path}`,
    contents_url: `${urls.api}/repos/${fullName}/contents/${path}?ref=${headSha}`,
  };
}

/** One annotation of a check run, as sent to `POST .../check-runs`. @public */
export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

/**
 * How a completed check run ended, as GitHub names it.
 *
 * @public
 */
export type CheckRunConclusion = NonNullable<
  components['schemas']['check-run']['conclusion']
>;

/**
 * A check run as the simulator keeps it: the last output sent, and every
 * annotation added (GitHub appends annotations on update).
 *
 * @public
 */
export interface StoredCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: CheckRunConclusion | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: CheckRunAnnotation[];
  startedAt: string;
  completedAt: string | null;
}

/** `POST /repos/{owner}/{repo}/check-runs`, `PATCH .../check-runs/{id}` */
export function checkRun(
  urls: SimulatedUrls,
  fullName: string,
  run: StoredCheckRun,
): Schemas['check-run'] {
  const api = `${urls.api}/repos/${fullName}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: `CR_${run.id}`,
    external_id: null,
    url: `${api}/check-runs/${run.id}`,
    html_url: `${urls.web}/${fullName}/runs/${run.id}`,
    details_url: null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      ...run.output,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id },
    app: null,
    pull_requests: [],
  };
}

/**
 * An issue as the simulator keeps it.
 *
 * @public
 */
export interface StoredIssue {
  id: number;
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
}

/** `GET/POST /repos/{owner}/{repo}/issues`, `PATCH .../issues/{number}` */
export function issue(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
  stored: StoredIssue,
): Schemas['issue'] {
  const fullName = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  return {
    id: stored.id,
    node_id: `I_${stored.id}`,
    url: `${api}/issues/${stored.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${stored.number}/labels{/name}`,
    comments_url: `${api}/issues/${stored.number}/comments`,
    events_url: `${api}/issues/${stored.number}/events`,
    html_url: `${urls.web}/${fullName}/issues/${stored.number}`,
    number: stored.number,
    state: stored.state,
    title: stored.title,
    body: stored.body,
    user: simpleUser(urls, repo.owner, repo.id + 1000),
    labels: stored.labels.map(name => ({ name })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: 0,
    closed_at: null,
    created_at: stored.createdAt,
    updated_at: stored.updatedAt,
    author_association: 'OWNER',
  };
}

/**
 * A comment on an issue or pull request, as the simulator keeps it.
 *
 * @public
 */
export interface StoredComment {
  id: number;
  /** The issue's or pull request's number. */
  issueNumber: number;
  body: string;
  createdAt: string;
}

/** `GET/POST /repos/{owner}/{repo}/issues/{number}/comments` */
export function issueComment(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
  stored: StoredComment,
): Schemas['issue-comment'] {
  const fullName = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  return {
    id: stored.id,
    node_id: `IC_${stored.id}`,
    url: `${api}/issues/comments/${stored.id}`,
    html_url: `${urls.web}/${fullName}/issues/${stored.issueNumber}#issuecomment-${stored.id}`,
    issue_url: `${api}/issues/${stored.issueNumber}`,
    body: stored.body,
    user: simpleUser(urls, repo.owner, repo.id + 1000),
    created_at: stored.createdAt,
    updated_at: stored.createdAt,
    author_association: 'OWNER',
  };
}

/** An item of `GET /repos/{owner}/{repo}/check-runs/{id}/annotations`. */
export function checkAnnotation(
  urls: SimulatedUrls,
  fullName: string,
  run: StoredCheckRun,
  annotation: CheckRunAnnotation,
): Schemas['check-annotation'] {
  return {
    path: annotation.path,
    start_line: annotation.start_line,
    end_line: annotation.end_line,
    start_column: null,
    end_column: null,
    annotation_level: annotation.annotation_level,
    title: annotation.title ?? null,
    message: annotation.message,
    raw_details: null,
    blob_href: `${urls.web}/${fullName}/blob/${run.headSha}/${annotation.path}`,
  };
}

/** A file or folder of a tree, at a path, as the contents API describes it. */
export interface ContentEntry {
  path: string;
  type: 'file' | 'dir' | 'submodule';
  sha: string;
  size: number;
}

function contentLinks(
  urls: SimulatedUrls,
  fullName: string,
  ref: string,
  entry: ContentEntry,
) {
  const api = `${urls.api}/repos/${fullName}`;
  const self = `${api}/contents/${entry.path}?ref=${ref}`;
  const git = `${api}/git/${entry.type === 'dir' ? 'trees' : 'blobs'}/${
    entry.sha
  }`;
  const html = `${urls.web}/${fullName}/${
    entry.type === 'dir' ? 'tree' : 'blob'
  }/${ref}/${entry.path}`;
  return {
    name: entry.path.split('/').pop()!,
    path: entry.path,
    sha: entry.sha,
    size: entry.size,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      entry.type === 'file'
        ? `${urls.web}/${fullName}/raw/${ref}/${entry.path}`
        : null,
    _links: { self, git, html },
  };
}

/** `GET /repos/{owner}/{repo}/contents/{path}` of a file: base64 in lines of 60, as GitHub sends it. */
export function contentFile(
  urls: SimulatedUrls,
  fullName: string,
  ref: string,
  entry: ContentEntry,
  content: Buffer,
): Schemas['content-file'] {
  const base64 = content.toString('base64');
  return {
    type: 'file',
    encoding: 'base64',
    ...contentLinks(urls, fullName, ref, entry),
    content: `${base64.replace(/.{60}/g, '$&\n')}\n`,
  };
}

/** `GET /repos/{owner}/{repo}/contents/{path}` of a folder: its entries. */
export function contentDirectory(
  urls: SimulatedUrls,
  fullName: string,
  ref: string,
  entries: ContentEntry[],
): Schemas['content-directory'] {
  return entries.map(entry => ({
    type: entry.type,
    ...contentLinks(urls, fullName, ref, entry),
  }));
}

/**
 * A release as the simulator keeps it.
 *
 * @public
 */
export interface StoredRelease {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  createdAt: string;
}

/** `POST /repos/{owner}/{repo}/releases`, `GET .../releases`, `GET .../releases/tags/{tag}` */
export function release(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
  stored: StoredRelease,
): Schemas['release'] {
  const fullName = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  return {
    id: stored.id,
    node_id: `RE_${stored.id}`,
    url: `${api}/releases/${stored.id}`,
    html_url: `${urls.web}/${fullName}/releases/tag/${stored.tagName}`,
    assets_url: `${api}/releases/${stored.id}/assets`,
    upload_url: `${api}/releases/${stored.id}/assets{?name,label}`,
    tarball_url: `${api}/tarball/${stored.tagName}`,
    zipball_url: `${api}/zipball/${stored.tagName}`,
    tag_name: stored.tagName,
    target_commitish: stored.targetCommitish,
    name: stored.name,
    body: stored.body,
    draft: stored.draft,
    prerelease: stored.prerelease,
    created_at: stored.createdAt,
    published_at: stored.draft ? null : stored.createdAt,
    author: simpleUser(urls, repo.owner, repo.id + 1000),
    assets: [],
  };
}

/**
 * A deployment as the simulator stores it.
 *
 * @public
 */
export interface StoredDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  createdAt: string;
}

/** `POST /repos/{owner}/{repo}/deployments`, `GET .../deployments` */
export function deployment(
  urls: SimulatedUrls,
  repo: RepositoryFacts,
  stored: StoredDeployment,
): Schemas['deployment'] {
  const fullName = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  return {
    url: `${api}/deployments/${stored.id}`,
    id: stored.id,
    node_id: `DE_${stored.id}`,
    sha: stored.sha,
    ref: stored.ref,
    task: stored.task,
    payload: {},
    original_environment: stored.environment,
    environment: stored.environment,
    description: stored.description,
    creator: simpleUser(urls, repo.owner, repo.id + 1000),
    created_at: stored.createdAt,
    updated_at: stored.createdAt,
    statuses_url: `${api}/deployments/${stored.id}/statuses`,
    repository_url: api,
    transient_environment: false,
    production_environment: stored.environment === 'production',
  };
}
