import type {
  AgentContextRefreshResponse,
  AgentContextView,
} from '@catalyst/plugin-platform-common';

const committed = [
  '# AGENTS.md',
  '',
  'Ask Dana before touching billing.',
  '',
  '<!-- catalyst:begin -->',
  '## Commands',
  '',
  '| Task | Command |',
  '| --- | --- |',
  '| Test | `npm test` |',
  '<!-- catalyst:end -->',
  '',
].join('\n');

const content = [
  '# AGENTS.md',
  '',
  'Ask Dana before touching billing.',
  '',
  '<!-- catalyst:begin -->',
  '## Commands',
  '',
  '| Task | Command |',
  '| --- | --- |',
  '| Test | `yarn test` |',
  '| Lint | `yarn lint` |',
  '',
  '## Conventions',
  '',
  '- **Commits**: Conventional Commits, `type(scope): summary`.',
  '<!-- catalyst:end -->',
  '',
].join('\n');

/** A stale context of payments-api: the test command moved to yarn, a lint command appeared. */
export const staleContext: AgentContextView = {
  entityRef: 'component:default/payments-api',
  factsHash: '3f7a9c0e5b1d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468',
  committedHash:
    '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d',
  stale: true,
  content,
  committedContent: committed,
  diff: [
    {
      type: 'unchanged',
      text: '# AGENTS.md',
      committedLine: 1,
      generatedLine: 1,
    },
    { type: 'unchanged', text: '', committedLine: 2, generatedLine: 2 },
    {
      type: 'unchanged',
      text: 'Ask Dana before touching billing.',
      committedLine: 3,
      generatedLine: 3,
    },
    { type: 'unchanged', text: '', committedLine: 4, generatedLine: 4 },
    {
      type: 'unchanged',
      text: '<!-- catalyst:begin -->',
      committedLine: 5,
      generatedLine: 5,
    },
    {
      type: 'unchanged',
      text: '## Commands',
      committedLine: 6,
      generatedLine: 6,
    },
    { type: 'unchanged', text: '', committedLine: 7, generatedLine: 7 },
    {
      type: 'unchanged',
      text: '| Task | Command |',
      committedLine: 8,
      generatedLine: 8,
    },
    {
      type: 'unchanged',
      text: '| --- | --- |',
      committedLine: 9,
      generatedLine: 9,
    },
    { type: 'removed', text: '| Test | `npm test` |', committedLine: 10 },
    { type: 'added', text: '| Test | `yarn test` |', generatedLine: 10 },
    { type: 'added', text: '| Lint | `yarn lint` |', generatedLine: 11 },
    { type: 'added', text: '', generatedLine: 12 },
    { type: 'added', text: '## Conventions', generatedLine: 13 },
    { type: 'added', text: '', generatedLine: 14 },
    {
      type: 'added',
      text: '- **Commits**: Conventional Commits, `type(scope): summary`.',
      generatedLine: 15,
    },
    {
      type: 'unchanged',
      text: '<!-- catalyst:end -->',
      committedLine: 11,
      generatedLine: 16,
    },
  ],
  changes: {
    added: [
      '| Test | `yarn test` |',
      '| Lint | `yarn lint` |',
      '## Conventions',
      '- **Commits**: Conventional Commits, `type(scope): summary`.',
    ],
    removed: ['| Test | `npm test` |'],
  },
  lines: [
    {
      line: 10,
      text: '| Test | `yarn test` |',
      section: 'Commands',
      facts: [
        {
          kind: 'command',
          label: 'package.json script `test`, run in CI',
          source: { file: 'package.json', line: 7 },
        },
      ],
    },
    {
      line: 11,
      text: '| Lint | `yarn lint` |',
      section: 'Commands',
      facts: [
        {
          kind: 'command',
          label: 'package.json script `lint`',
          source: { file: 'package.json', line: 8 },
        },
      ],
    },
    {
      line: 15,
      text: '- **Commits**: Conventional Commits, `type(scope): summary`.',
      section: 'Conventions',
      facts: [
        {
          kind: 'history',
          label: 'recent commit subjects',
          source: { git: 'git log -n 200 (commit subjects)' },
        },
      ],
    },
  ],
  diagnostics: [
    {
      severity: 'warning',
      message: 'Malformed JSON: Unexpected token }',
      file: 'tsconfig.json',
      line: 4,
    },
  ],
  source: {
    type: 'clone',
    location: 'https://github.com/acme/payments-api/tree/main/',
    commit: '0123456789abcdef0123456789abcdef01234567',
  },
  lastGeneratedAt: '2026-02-01T10:00:00.000Z',
  lastCheckedAt: '2026-02-02T10:00:00.000Z',
};

/** What a refresh of {@link staleContext} answers. */
export const openedRefresh: AgentContextRefreshResponse = {
  entityRef: 'component:default/payments-api',
  status: 'opened',
  factsHash: staleContext.factsHash,
  branch: 'chore/agents-md',
  pullRequest: {
    number: 12,
    url: 'https://github.com/acme/payments-api/pull/12',
  },
};
