import type {
  ConventionComplianceOverview,
  ConventionsReport,
} from '@catalyst/plugin-platform-common';

/** payments-api: drifted, with an override, a warning and an open pull request. */
export const driftedReport: ConventionsReport = {
  entityRef: 'component:default/payments-api',
  pack: {
    id: 'node-service',
    title: 'Node.js service',
    reason: 'package.json with a start script',
  },
  drifted: true,
  summary: { pass: 2, drift: 1, missing: 1, overridden: 1, unchecked: 1 },
  items: [
    {
      kind: 'file',
      name: '.editorconfig',
      required: true,
      status: 'drift',
      evidence: ['indent_size is 4, the pack says 2'],
      diff: '--- a/.editorconfig\n+++ b/.editorconfig\n-indent_size = 4\n+indent_size = 2',
    },
    {
      kind: 'file',
      name: 'CODEOWNERS',
      required: true,
      status: 'missing',
      evidence: ['no CODEOWNERS at the root or in .github/'],
    },
    {
      kind: 'file',
      name: 'README.md',
      required: true,
      status: 'pass',
      evidence: [],
    },
    {
      kind: 'rule',
      name: 'conventional-commits',
      ruleType: 'commit',
      required: false,
      status: 'pass',
      evidence: ['48 of the last 50 commits follow the format'],
    },
    {
      kind: 'rule',
      name: 'eslint',
      ruleType: 'lint',
      required: false,
      status: 'overridden',
      evidence: ['catalyst.yaml turns eslint off'],
    },
    {
      kind: 'rule',
      name: 'branch-naming',
      ruleType: 'branch',
      required: false,
      status: 'unchecked',
      evidence: [],
    },
  ],
  warnings: [
    {
      file: 'catalyst.yaml',
      line: 4,
      message: 'conventions.rules.eslint overrides a required rule',
    },
  ],
  pullRequest: {
    repository: 'acme/payments-api',
    branch: 'catalyst/conventions',
    number: 9,
    url: 'https://github.com/acme/payments-api/pull/9',
    files: ['.editorconfig'],
    updatedAt: '2026-02-02T09:00:00.000Z',
  },
};

/** A component on its pack with nothing to fix. */
export const compliantReport: ConventionsReport = {
  entityRef: 'component:default/ledger-worker',
  pack: { id: 'node-service', title: 'Node.js service', reason: 'default' },
  drifted: false,
  summary: { pass: 3, drift: 0, missing: 0, overridden: 0, unchecked: 0 },
  items: [
    {
      kind: 'file',
      name: 'README.md',
      required: true,
      status: 'pass',
      evidence: [],
    },
  ],
  warnings: [],
};

/** Two scanned components, one drifted with an open task. */
export const complianceOverview: ConventionComplianceOverview = {
  items: [
    {
      entityRef: 'component:default/payments-api',
      packId: 'node-service',
      drifted: true,
      summary: driftedReport.summary,
      driftedItems: ['.editorconfig', 'CODEOWNERS'],
      warningCount: 1,
      pullRequest: driftedReport.pullRequest,
      openTaskId: 42,
      scannedAt: '2026-02-02T09:30:00.000Z',
    },
    {
      entityRef: 'component:default/ledger-worker',
      packId: 'go-service',
      drifted: false,
      summary: compliantReport.summary,
      driftedItems: [],
      warningCount: 0,
      scannedAt: '2026-02-02T09:31:00.000Z',
    },
  ],
  totalCount: 2,
  offset: 0,
  limit: 20,
  totals: { components: 4, compliant: 3, drifted: 1 },
};
