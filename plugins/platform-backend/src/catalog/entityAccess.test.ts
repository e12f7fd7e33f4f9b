import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  agentContextGeneratePermission,
  agentContextRefreshPermission,
  conventionRulesManagePermission,
  conventionsFixPermission,
  taskManagePermission,
} from '@catalyst/plugin-platform-common';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { ConventionStore } from '../conventions/ConventionStore';
import { ConventionStatusStore } from '../conventions/ConventionStatusStore';
import { SpecStore } from '../specs/SpecStore';
import { TaskStore } from '../tasks/TaskStore';
import { newTask } from '../__testUtils__/taskStores';
import { specFolder, task } from '../__testUtils__/specFolders';
import { visibilityCatalogFactory } from '../__testUtils__/visibilityCatalog';
import { componentEntity } from '../__testUtils__/components';

const databases = createTestDatabases();

const SHOP = 'component:default/shop';
const VAULT = 'component:default/vault';
const ALICE = 'user:default/alice';

const component = (name: string) =>
  componentEntity(name, { 'github.com/project-slug': `acme/${name}` });

describe.each(databases.eachSupportedId())(
  'platform routes and the catalog on %p',
  databaseId => {
    /**
     * The platform with two components: alice cannot see `vault`; the
     * policy grants every platform permission on `shop` only, and
     * platform-wide only conditionally (to the owners, say).
     */
    async function start() {
      const knex = await databases.init(databaseId);
      const authorize = jest.fn(async (requests: any[]) =>
        requests.map(r => ({
          result:
            r.resourceRef === SHOP
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      );
      const authorizeConditional = jest.fn(async (requests: any[]) =>
        requests.map(r => ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: r.permission.resourceType,
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/team-shop'] },
          },
        })),
      );
      const { server } = await startTestBackend({
        features: [
          platformPlugin,
          visibilityCatalogFactory([component('shop'), component('vault')], {
            [ALICE]: [VAULT],
          }),
          mockServices.permissions.mock({ authorize, authorizeConditional })
            .factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: {} }),
        ],
      });
      const tasks = new TaskStore(knex);
      // Due in an hour: the backend's task worker (woken at once on
      // PostgreSQL) leaves them pending for the routes under test.
      const later = new Date(Date.now() + 3_600_000);
      const shopTask = (
        await tasks.enqueue(
          newTask({ entityRef: SHOP, repository: 'acme/shop' }),
          later,
        )
      ).task;
      const vaultTask = (
        await tasks.enqueue(
          newTask({ entityRef: VAULT, repository: 'acme/vault' }),
          later,
        )
      ).task;
      const specs = new SpecStore(knex);
      for (const ref of [SHOP, VAULT]) {
        await specs.syncFolders(
          ref,
          [
            {
              folder: specFolder('001-login', [task({ id: 'T001', line: 3 })]),
              specEntityRef: `spec:default/${ref.split('/')[1]}-001-login`,
              owner: 'group:default/team',
              system: 'system:default/shop',
              active: true,
            },
          ],
          new Date(),
        );
      }
      const conventions = new ConventionStore(knex);
      for (const repository of ['acme/shop', 'acme/vault']) {
        await conventions.recordCheck(
          {
            repository,
            prNumber: 7,
            headSha: 'a'.repeat(40),
            action: 'opened',
            conclusion: 'failure',
            findings: [],
          },
          new Date(),
        );
      }
      const status = new ConventionStatusStore(knex);
      for (const ref of [SHOP, VAULT]) {
        await status.saveReport(
          {
            entityRef: ref,
            pack: { id: 'typescript', title: 'TypeScript', reason: 'test' },
            drifted: true,
            summary: {
              pass: 0,
              drift: 1,
              missing: 0,
              overridden: 0,
              unchecked: 0,
            },
            items: [
              {
                kind: 'file',
                name: '.editorconfig',
                required: true,
                status: 'drift',
                evidence: [],
              },
            ],
            warnings: [],
          },
          new Date(),
        );
      }
      return { server, shopTask, vaultTask, authorize };
    }

    const asAlice = { Authorization: mockCredentials.user.header(ALICE) };

    it('lists only the specs, tasks, compliance rows and pull request checks of components the caller can see', async () => {
      const { server, shopTask, vaultTask } = await start();
      const get = (path: string) =>
        request(server).get(`/api/platform${path}`).set(asAlice);

      const tasks = await get('/tasks');
      expect(tasks.status).toBe(200);
      expect(tasks.body.totalCount).toBe(1);
      expect(tasks.body.items.map((t: any) => t.entityRef)).toEqual([SHOP]);
      expect(
        (await get(`/tasks?entityRef=${encodeURIComponent(VAULT)}`)).body,
      ).toMatchObject({ totalCount: 0, items: [] });
      expect((await get(`/tasks/${vaultTask.id}`)).status).toBe(404);
      expect((await get(`/tasks/${shopTask.id}`)).status).toBe(200);

      const specs = await get('/specs');
      expect(specs.status).toBe(200);
      expect(specs.body.totalCount).toBe(1);
      expect(specs.body.items.map((s: any) => s.entityRef)).toEqual([SHOP]);
      expect(
        (await get('/specs/component/default/vault/001-login')).status,
      ).toBe(404);
      expect(
        (await get('/specs/component/default/shop/001-login')).status,
      ).toBe(200);

      const checks = (repository: string) =>
        get(`/conventions/pull-requests/${repository}/7/checks`);
      expect((await checks('acme/vault')).body).toEqual({ items: [] });
      expect((await checks('acme/shop')).body.items).toHaveLength(1);

      const compliance = await get('/conventions');
      expect(compliance.status).toBe(200);
      expect(compliance.body.items.map((row: any) => row.entityRef)).toEqual([
        SHOP,
      ]);
      expect(compliance.body.totalCount).toBe(1);
      expect(compliance.body.totals).toEqual({
        components: 1,
        compliant: 0,
        drifted: 1,
      });

      // Someone who can see both components gets both.
      const all = (path: string) => request(server).get(`/api/platform${path}`);
      expect((await all('/conventions')).body.totalCount).toBe(2);
      expect((await all('/tasks')).body.totalCount).toBe(2);
      expect((await all('/specs')).body.totalCount).toBe(2);
      expect(
        (await all('/conventions/pull-requests/acme/vault/7/checks')).body
          .items,
      ).toHaveLength(1);
    });

    it('checks the platform permissions against the component', async () => {
      const { server, shopTask, vaultTask, authorize } = await start();
      const post = (path: string) =>
        request(server).post(`/api/platform${path}`);

      expect((await post(`/tasks/${shopTask.id}/cancel`)).status).toBe(200);
      const denied = await post(`/tasks/${vaultTask.id}/cancel`);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain('catalyst.task.manage');

      expect(
        (await post('/agent-context/component/default/vault/generate')).status,
      ).toBe(403);
      expect(
        (await post('/agent-context/component/default/vault/refresh')).status,
      ).toBe(403);
      expect(
        (await post('/conventions/component/default/vault/fix')).status,
      ).toBe(403);
      expect(
        (
          await request(server).delete(
            '/api/platform/conventions/component/default/vault/rules/commit-format',
          )
        ).status,
      ).toBe(403);

      const asked = authorize.mock.calls.flatMap(([requests]) => requests);
      for (const permission of [
        taskManagePermission,
        agentContextGeneratePermission,
        agentContextRefreshPermission,
        conventionsFixPermission,
        conventionRulesManagePermission,
      ]) {
        expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
        expect(asked).toContainEqual({
          permission,
          resourceRef: VAULT,
        });
      }

      // The shared rule set needs the permission on every component: a
      // conditional grant (a team's own components) is not enough.
      const patched = await request(server)
        .patch('/api/platform/conventions/rules/1')
        .send({ enabled: false });
      expect(patched.status).toBe(403);
      expect(patched.body.error.message).toContain(
        'catalyst.conventions.rules.manage',
      );
    });
  },
);
