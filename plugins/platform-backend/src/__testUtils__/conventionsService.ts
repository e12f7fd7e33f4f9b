import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultConventionPacks } from '@catalyst/conventions';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { Knex } from 'knex';
import { tmpdir } from 'node:os';
import { ConventionStatusStore } from '../conventions/ConventionStatusStore';
import { ConventionStore } from '../conventions/ConventionStore';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';
import { ConventionsService } from '../conventions/ConventionsService';

/** A component whose source is a repository of the simulator. */
export function simulatedComponent(
  github: GithubSimulator,
  name: string,
  repository: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `url:${github.urls.web}/${repository}/tree/main/`,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/** The conventions service on a migrated database, cloning from the simulator. */
export async function createConventionsService(options: {
  knex: Knex;
  github: GithubSimulator;
  entities: Entity[];
  checkCache?: { ttlMs?: number; maxEntries?: number };
}) {
  const store = new ConventionStore(options.knex);
  await store.seedRules(defaultConventionPacks, new Date());
  const status = new ConventionStatusStore(options.knex);
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [options.github.integrationConfig()] },
    }),
  );
  const catalog = catalogServiceMock({ entities: options.entities });
  const auth = mockServices.auth();
  const checkouts = new DefaultCheckoutService({
    urlReader: mockServices.urlReader.mock(),
    integrations,
    workingDirectory: tmpdir(),
    // Local repositories of the tests are made in the temp folder.
    localRoots: [tmpdir()],
  });
  const service = new ConventionsService({
    packs: () => defaultConventionPacks,
    store,
    status,
    checkouts,
    publisher: new GithubPullRequestPublisher({ integrations }),
    integrations,
    catalog,
    auth,
    logger: mockServices.logger.mock(),
    checkCache: options.checkCache,
  });
  return { service, store, status, integrations, catalog, auth, checkouts };
}
