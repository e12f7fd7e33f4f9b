import type { ComponentReleases } from '@catalyst/plugin-platform-common';

const web = 'https://github.com/acme/shop';
const breaking = {
  type: 'feat',
  scope: 'api',
  subject: 'drop the v1 routes',
  breaking: true,
  hash: '4e1f0c2a9b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f',
  pr: 4,
  commitUrl: `${web}/commit/4e1f0c2a9b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f`,
  pullRequestUrl: `${web}/pull/4`,
};
const fix = {
  type: 'fix',
  subject: 'empty query',
  breaking: false,
  hash: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
  pr: 5,
  commitUrl: `${web}/commit/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b`,
  pullRequestUrl: `${web}/pull/5`,
};

/** What GET /releases/component/default/shop answers for a 0.x repository with a breaking change (the backend's route test builds the same history). */
export const shopReleases: ComponentReleases = {
  entityRef: 'component:default/shop',
  repositoryUrl: web,
  package: { name: 'shop', path: '.', ecosystem: 'npm' },
  tool: 'none',
  previousVersion: '0.3.0',
  previousTag: 'v0.3.0',
  nextVersion: '0.4.0',
  nextTag: 'v0.4.0',
  bump: 'minor',
  reason: {
    summary: 'minor from 0.3.0: 1 breaking, 1 features, 1 fixes',
    decidedBy: 'breaking',
    commits: [breaking],
    preMajorRule:
      'Before 1.0.0 a breaking change bumps the minor version, not the major one',
  },
  groups: [
    { title: '⚠ BREAKING CHANGES', commits: [breaking] },
    { title: 'Features', commits: [breaking] },
    { title: 'Bug Fixes', commits: [fix] },
  ],
  markdown:
    '## [0.4.0](https://github.com/acme/shop/compare/v0.3.0...v0.4.0) (2026-03-02)\n\n### ⚠ BREAKING CHANGES\n\n* **api:** drop the v1 routes\n',
  pullRequests: [
    {
      number: 6,
      title: 'chore(release): shop 0.4.0',
      url: `${web}/pull/6`,
      state: 'open',
      branch: 'chore/release-shop',
      version: '0.4.0',
      updatedAt: '2026-03-02T09:00:00Z',
    },
  ],
  releases: [
    {
      tag: 'v0.3.0',
      version: '0.3.0',
      date: '2026-02-20T12:00:00Z',
      url: `${web}/releases/tag/v0.3.0`,
      name: 'shop 0.3.0',
    },
    {
      tag: 'v0.2.0',
      version: '0.2.0',
      date: '2026-01-10T08:00:00+00:00',
      url: `${web}/tree/v0.2.0`,
    },
  ],
  warnings: [],
};

/** A local component (the demo's) whose first release is next: no GitHub, no tags. */
export const firstRelease: ComponentReleases = {
  entityRef: 'component:default/catalyst',
  package: { name: 'catalyst', path: '.', ecosystem: 'npm' },
  tool: 'none',
  nextVersion: '1.0.0',
  nextTag: 'v1.0.0',
  bump: 'minor',
  reason: {
    summary: 'first release 1.0.0',
    decidedBy: 'first-release',
    commits: [],
  },
  groups: [
    {
      title: 'Bug Fixes',
      commits: [{ ...fix, commitUrl: undefined, pullRequestUrl: undefined }],
    },
  ],
  markdown: '## 1.0.0 (2026-03-02)\n',
  pullRequests: [],
  releases: [],
  warnings: ['GitHub did not answer for acme/shop: rate limited'],
};
