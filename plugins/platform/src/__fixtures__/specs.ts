import type {
  SpecDetail,
  SpecSummary,
  SpecTaskView,
} from '@catalyst/plugin-platform-common';

const task = (
  fields: Partial<SpecTaskView> &
    Pick<SpecTaskView, 'description' | 'line' | 'state'>,
): SpecTaskView => ({
  done: fields.state === 'done',
  mark: fields.state === 'done' ? 'x' : ' ',
  parallel: false,
  stories: [],
  tags: [],
  details: [],
  source: 'checkbox',
  ...fields,
});

/** Five tasks in three phases, two done in markdown and one by a merged pull request. */
export const authTasks: SpecTaskView[] = [
  task({
    id: 'T001',
    state: 'done',
    phase: 'Phase 1: Setup',
    description: 'Create the auth module skeleton',
    line: 5,
    completedBy: 'markdown',
  }),
  task({
    id: 'T002',
    state: 'done',
    parallel: true,
    phase: 'Phase 1: Setup',
    description: 'Add the token table migration',
    line: 6,
    tags: ['Spike'],
    completedBy: 'markdown',
  }),
  task({
    id: 'T003',
    state: 'done',
    parallel: true,
    phase: 'Phase 2: User Story 1 - Sign in (P1)',
    stories: ['US-1'],
    description: 'Implement the sign-in endpoint',
    details: ['returns 401 on a bad password'],
    line: 10,
    completedBy: 'pull-request',
    linkedPrNumber: 42,
    linkedPrUrl: 'https://github.com/acme/payments-api/pull/42',
  }),
  task({
    id: 'T004',
    state: 'in-progress',
    mark: '~',
    phase: 'Phase 2: User Story 1 - Sign in (P1)',
    stories: ['US-1', 'US-2'],
    description: 'Rate-limit failed sign-ins',
    line: 11,
  }),
  task({
    id: 'T005',
    state: 'open',
    phase: 'Phase 3: Polish',
    description: 'Document the auth flow',
    line: 15,
  }),
];

/** The payments-api component's auth spec, as `GET /specs` lists it. */
export const authSummary: SpecSummary = {
  entityRef: 'component:default/payments-api',
  specEntityRef: 'spec:default/payments-api-001-auth',
  path: 'specs/001-auth',
  slug: '001-auth',
  number: 1,
  title: 'Payment authentication',
  status: 'in progress',
  active: true,
  archived: false,
  owner: 'group:default/payments-team',
  system: 'system:default/payments',
  documents: ['spec', 'plan', 'tasks', 'data-model', 'contract'],
  counts: { total: 5, done: 3, open: 1, other: 1 },
  completion: 0.6,
  contentHash: 'a1b2c3',
  updatedAt: '2025-03-04T10:00:00.000Z',
  lastSyncedAt: '2025-03-05T08:00:00.000Z',
};

/** A finished spec of another component. */
export const searchSummary: SpecSummary = {
  entityRef: 'component:default/search-service',
  specEntityRef: 'spec:default/search-service-002-facets',
  path: 'specs/002-facets',
  slug: '002-facets',
  number: 2,
  title: 'Search facets',
  status: 'complete',
  active: false,
  archived: false,
  owner: 'group:default/search-team',
  documents: ['spec', 'tasks', 'research', 'quickstart', 'checklist'],
  counts: { total: 4, done: 4, open: 0, other: 0 },
  completion: 1,
  contentHash: 'd4e5f6',
  updatedAt: '2025-02-01T09:30:00.000Z',
  lastSyncedAt: '2025-03-05T08:00:00.000Z',
};

/** The auth spec in full, as `GET /specs/component/default/payments-api/001-auth` returns it. */
export const authDetail: SpecDetail = {
  ...authSummary,
  branch: '001-auth',
  created: '2025-01-15',
  files: [
    { path: 'tasks.md', kind: 'tasks', size: 800, sha256: 'c' },
    { path: 'spec.md', kind: 'spec', size: 2048, sha256: 'a' },
    { path: 'plan.md', kind: 'plan', size: 1024, sha256: 'b' },
    { path: 'data-model.md', kind: 'data-model', size: 300, sha256: 'd' },
    { path: 'contracts/auth.yaml', kind: 'contract', size: 400, sha256: 'e' },
  ],
  tasks: authTasks,
  userStories: [
    { id: 'US1', number: 1, title: 'Sign in', priority: 'P1', line: 12 },
    {
      id: 'US2',
      number: 2,
      title: 'Lock out attackers',
      priority: 'P2',
      line: 30,
    },
  ],
  requirements: [
    {
      id: 'FR-001',
      text: 'Users MUST sign in with email and password',
      line: 50,
    },
  ],
  successCriteria: [
    { id: 'SC-001', text: 'Sign-in completes in under 2 seconds', line: 60 },
  ],
  clarifications: [
    { text: 'How long is a lockout?', file: 'spec.md', line: 55 },
  ],
  pullRequests: [
    {
      repository: 'acme/payments-api',
      number: 42,
      title: 'feat(001): sign-in endpoint',
      url: 'https://github.com/acme/payments-api/pull/42',
      mergedAt: '2025-03-01T12:00:00.000Z',
      taskIds: ['T003'],
    },
  ],
  diagnostics: [
    {
      file: 'specs/001-auth/tasks.md',
      line: 20,
      severity: 'warning',
      message: 'Task without an id',
    },
  ],
};
