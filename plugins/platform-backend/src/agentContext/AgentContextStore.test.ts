import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { AgentContextAnalysis, AgentContextStore } from './AgentContextStore';
import { migratedDatabase } from '../__testUtils__/database';

const databases = createTestDatabases();

const COMPONENT = 'component:default/payments-api';
const OTHER = 'component:default/checkout-web';

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await migratedDatabase(databases, databaseId);
  return { store: new AgentContextStore(knex), knex };
}

const analysis = (
  overrides: Partial<AgentContextAnalysis> = {},
): AgentContextAnalysis => ({
  factsHash: 'a'.repeat(64),
  content:
    '# AGENTS.md\n\n<!-- catalyst:begin -->\n| Test | `yarn test` |\n<!-- catalyst:end -->\n',
  stale: true,
  committedContent: '# AGENTS.md\n\nHand-written.\n',
  staleReason: 'AGENTS.md has no catalyst block',
  changes: { added: ['| Test | `yarn test` |'], removed: [] },
  lines: [
    {
      line: 4,
      text: '| Test | `yarn test` |',
      section: 'Commands',
      facts: [
        {
          kind: 'command',
          label: 'test script',
          source: { file: 'package.json', line: 7 },
        },
      ],
    },
  ],
  diagnostics: [
    {
      severity: 'warning',
      message: 'Malformed JSON',
      file: 'tsconfig.json',
      line: 3,
    },
  ],
  source: {
    type: 'clone',
    location: 'https://github.com/acme/payments-api',
    commit: 'c'.repeat(40),
  },
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'AgentContextStore on %p',
  databaseId => {
    it('stores an analysis and reads it back whole', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.get(COMPONENT)).toBeUndefined();

      const now = new Date('2026-02-01T10:00:00Z');
      const saved = await store.saveAnalysis(COMPONENT, analysis(), now);

      expect(saved).toEqual({
        entityRef: COMPONENT,
        ...analysis(),
        committedHash: undefined,
        pullRequest: undefined,
        lastGeneratedAt: now,
        lastCheckedAt: now,
        lastError: undefined,
      });
      expect(await store.get(COMPONENT)).toEqual(saved);
    });

    it('moves last_generated_at only when the generated content changes', async () => {
      const { store, knex } = await createStore(databaseId);
      const first = new Date('2026-02-01T10:00:00Z');
      const second = new Date('2026-02-02T10:00:00Z');
      const third = new Date('2026-02-03T10:00:00Z');
      await store.saveAnalysis(COMPONENT, analysis(), first);

      // The same content, now committed: only the check time and staleness move.
      const unchanged = await store.saveAnalysis(
        COMPONENT,
        analysis({
          stale: false,
          committedHash: 'a'.repeat(64),
          staleReason: undefined,
          changes: { added: [], removed: [] },
        }),
        second,
      );
      expect(unchanged).toMatchObject({
        stale: false,
        committedHash: 'a'.repeat(64),
        lastGeneratedAt: first,
        lastCheckedAt: second,
      });

      const changed = await store.saveAnalysis(
        COMPONENT,
        analysis({ factsHash: 'b'.repeat(64), content: '# new\n' }),
        third,
      );
      expect(changed).toMatchObject({
        factsHash: 'b'.repeat(64),
        content: '# new\n',
        lastGeneratedAt: third,
        lastCheckedAt: third,
      });
      const [{ n }] = await knex('agent_contexts').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('keeps the pull request across analyses and clears the last error on success', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.saveError(COMPONENT, 'no row yet', new Date())).toBe(
        false,
      );

      await store.saveAnalysis(
        COMPONENT,
        analysis(),
        new Date('2026-02-01T10:00:00Z'),
      );
      await store.savePullRequest(COMPONENT, {
        number: 7,
        url: 'https://github.com/acme/payments-api/pull/7',
      });
      const failedAt = new Date('2026-02-01T11:00:00Z');
      expect(
        await store.saveError(COMPONENT, 'GitHub rate limit reached', failedAt),
      ).toBe(true);
      expect(await store.get(COMPONENT)).toMatchObject({
        lastError: 'GitHub rate limit reached',
        lastCheckedAt: failedAt,
        pullRequest: {
          number: 7,
          url: 'https://github.com/acme/payments-api/pull/7',
        },
      });

      const again = await store.saveAnalysis(
        COMPONENT,
        analysis(),
        new Date('2026-02-01T12:00:00Z'),
      );
      expect(again.lastError).toBeUndefined();
      expect(again.pullRequest).toEqual({
        number: 7,
        url: 'https://github.com/acme/payments-api/pull/7',
      });
    });

    it('keeps the commit and analyzer version an analysis read, and confirms a check only at both', async () => {
      const { store, knex } = await createStore(databaseId);
      const revision = { commit: 'c'.repeat(40), analyzerVersion: '1.1' };
      const first = new Date('2026-02-01T10:00:00Z');
      await store.saveAnalysis(OTHER, analysis(), first);
      expect((await store.get(OTHER))?.revision).toBeUndefined();
      const saved = await store.saveAnalysis(
        COMPONENT,
        analysis({ revision }),
        first,
      );
      expect(saved.revision).toEqual(revision);
      await store.saveError(COMPONENT, 'Refresh failed: rate limit', first);

      // Another commit, another analyzer version, no revision or no row: nothing confirmed.
      const later = new Date('2026-02-02T10:00:00Z');
      for (const [entityRef, other] of [
        [COMPONENT, { ...revision, commit: 'd'.repeat(40) }],
        [COMPONENT, { ...revision, analyzerVersion: '2.1' }],
        [OTHER, revision],
        ['component:default/missing', revision],
      ] as const) {
        await expect(
          store.confirmRevision(entityRef, other, later),
        ).resolves.toBeUndefined();
      }
      expect(await store.get(COMPONENT)).toMatchObject({
        lastCheckedAt: first,
        lastError: 'Refresh failed: rate limit',
      });

      const confirmed = await store.confirmRevision(COMPONENT, revision, later);
      expect(confirmed).toEqual({
        ...saved,
        lastCheckedAt: later,
        lastError: undefined,
      });
      expect(await store.get(COMPONENT)).toEqual(confirmed);
      expect(await store.get(OTHER)).toMatchObject({ lastCheckedAt: first });

      // A later analysis without a commit (a tree read) forgets the revision.
      const tree = await store.saveAnalysis(COMPONENT, analysis(), later);
      expect(tree.revision).toBeUndefined();
      const [row] = await knex('agent_contexts')
        .where({ entity_ref: COMPONENT })
        .select('analyzed_commit', 'analyzer_version');
      expect(row).toEqual({ analyzed_commit: null, analyzer_version: null });
    });

    it('lists and deletes contexts', async () => {
      const { store } = await createStore(databaseId);
      await store.saveAnalysis(OTHER, analysis(), new Date());
      await store.saveAnalysis(COMPONENT, analysis(), new Date());
      expect(await store.listEntityRefs()).toEqual([OTHER, COMPONENT]);

      await store.delete(OTHER);

      expect(await store.listEntityRefs()).toEqual([COMPONENT]);
      expect(await store.get(OTHER)).toBeUndefined();
    });
  },
);
