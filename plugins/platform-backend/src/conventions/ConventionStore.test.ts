import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { defaultConventionPacks } from '@catalyst/conventions';
import { ConventionStore } from './ConventionStore';
import { migratedDatabase } from '../__testUtils__/database';

const databases = createTestDatabases();

const COMPONENT = 'component:default/demo';

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  return new ConventionStore(await migratedDatabase(databases, databaseId));
}

describe.each(databases.eachSupportedId())(
  'ConventionStore on %p',
  databaseId => {
    it('seeds one row per pack rule once, keeping what admins toggled', async () => {
      const store = await createStore(databaseId);
      const ruleCount = defaultConventionPacks.reduce(
        (sum, pack) => sum + pack.rules.length,
        0,
      );
      const first = new Date('2026-11-27T10:00:00Z');
      expect(await store.seedRules(defaultConventionPacks, first)).toBe(
        ruleCount,
      );
      const rules = await store.listRules();
      expect(rules).toHaveLength(ruleCount);
      const branch = rules.find(
        r => r.packId === 'go' && r.ruleName === 'branch-naming',
      )!;
      expect(branch).toMatchObject({
        ruleType: 'branch',
        enabled: true,
        config: { allow: ['main', 'master'] },
        createdAt: first.toISOString(),
      });
      expect(branch.entityRef).toBeUndefined();

      const later = new Date('2026-11-27T11:00:00Z');
      const toggled = await store.setRuleEnabled(branch.id, false, later);
      expect(toggled).toMatchObject({
        enabled: false,
        updatedAt: later.toISOString(),
      });
      expect(await store.seedRules(defaultConventionPacks, later)).toBe(0);
      expect(await store.listRules()).toHaveLength(ruleCount);
      expect(
        (await store.listRules()).find(r => r.id === branch.id)!.enabled,
      ).toBe(false);
      await expect(store.setRuleEnabled(99999, true, later)).rejects.toThrow(
        /No convention rule 99999/,
      );
    });

    it('keeps one own row per component and rule beside the platform row', async () => {
      const store = await createStore(databaseId);
      await store.seedRules(defaultConventionPacks, new Date());
      const first = new Date('2026-11-27T10:00:00Z');
      const saved = await store.saveComponentRule(
        {
          entityRef: COMPONENT,
          packId: 'typescript',
          ruleType: 'branch',
          ruleName: 'branch-naming',
          enabled: false,
          config: {},
        },
        first,
      );
      expect(saved).toMatchObject({
        entityRef: COMPONENT,
        packId: 'typescript',
        ruleName: 'branch-naming',
        enabled: false,
        createdAt: first.toISOString(),
      });
      const later = new Date('2026-11-27T11:00:00Z');
      const updated = await store.saveComponentRule(
        {
          entityRef: COMPONENT,
          packId: 'typescript',
          ruleType: 'branch',
          ruleName: 'branch-naming',
          enabled: true,
          config: { pattern: '^team/.+' },
        },
        later,
      );
      expect(updated).toMatchObject({
        id: saved.id,
        enabled: true,
        config: { pattern: '^team/.+' },
        createdAt: first.toISOString(),
        updatedAt: later.toISOString(),
      });
      const rows = (await store.listRules()).filter(
        r => r.packId === 'typescript' && r.ruleName === 'branch-naming',
      );
      expect(rows.map(r => r.entityRef)).toEqual([undefined, COMPONENT]);
      expect(rows[0].enabled).toBe(true);

      expect(
        await store.deleteComponentRule(
          COMPONENT,
          'typescript',
          'branch-naming',
        ),
      ).toBe(true);
      expect(
        await store.deleteComponentRule(
          COMPONENT,
          'typescript',
          'branch-naming',
        ),
      ).toBe(false);
      expect(
        (await store.listRules()).filter(r => r.entityRef === COMPONENT),
      ).toEqual([]);
    });

    it('keeps one convention pull request per component', async () => {
      const store = await createStore(databaseId);
      expect(await store.getPullRequest(COMPONENT)).toBeUndefined();
      const pr = {
        repository: 'acme/demo',
        branch: 'catalyst/conventions',
        number: 7,
        url: 'http://127.0.0.1/acme/demo/pull/7',
        files: ['.editorconfig'],
      };
      await store.savePullRequest(
        COMPONENT,
        pr,
        new Date('2026-11-27T10:00:00Z'),
      );
      await store.savePullRequest(
        COMPONENT,
        { ...pr, files: ['.editorconfig', 'eslint.config.mjs'] },
        new Date('2026-11-27T12:00:00Z'),
      );
      expect(await store.getPullRequest(COMPONENT)).toEqual({
        ...pr,
        files: ['.editorconfig', 'eslint.config.mjs'],
        updatedAt: '2026-11-27T12:00:00.000Z',
      });
    });

    it('records every pull request check', async () => {
      const store = await createStore(databaseId);
      const check = {
        repository: 'acme/demo',
        prNumber: 3,
        headSha: 'a'.repeat(40),
        action: 'opened',
        conclusion: 'failure',
        checkRunId: 12,
        findings: [{ check: 'commit-message', message: 'bad' }],
      };
      await store.recordCheck(check, new Date('2026-11-27T10:00:00Z'));
      await store.recordCheck(
        {
          ...check,
          action: 'synchronize',
          conclusion: 'success',
          findings: [],
        },
        new Date('2026-11-27T10:05:00Z'),
      );
      const checks = await store.listChecks('acme/demo', 3);
      expect(checks.map(c => [c.action, c.conclusion])).toEqual([
        ['opened', 'failure'],
        ['synchronize', 'success'],
      ]);
      expect(checks[0]).toMatchObject({
        checkRunId: 12,
        findings: [{ check: 'commit-message', message: 'bad' }],
        createdAt: new Date('2026-11-27T10:00:00Z'),
      });
      expect(await store.listChecks('acme/demo', 4)).toEqual([]);
    });
  },
);
