import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  GithubAdvisoryClient,
  GithubPullRequestPublisher,
} from '@catalyst/plugin-platform-node';
import { testToolRunner } from './testToolRunner';
import { GithubSimulator } from '@catalyst/github-simulator';
import { NpmRegistryClient } from '../dependencies/npmRegistry/NpmRegistryClient';
import { DependencyUpdateExecutor } from '../executor/DependencyUpdateExecutor';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';
import { DependencyUpdateScanner } from '../scanner/DependencyUpdateScanner';

/** A catalog component whose repository is at `sourceLocation`. */
export function sourceComponent(name: string, sourceLocation: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/source-location': sourceLocation },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/**
 * The dependency-update scanner (per-dependency grouping) and executor wired
 * to the simulator, a test registry and these catalog components.
 */
export function dependencyUpdateServices(options: {
  simulator: GithubSimulator;
  registryUrl: string;
  workDir: string;
  entities: Entity[];
}) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [options.simulator.integrationConfig()] },
    }),
  );
  const checkouts = new DefaultCheckoutService({
    integrations,
    workingDirectory: options.workDir,
  });
  return {
    scanner: new DependencyUpdateScanner(
      { frequency: { hours: 24 }, timeout: { minutes: 5 } },
      {
        catalog: catalogServiceMock({ entities: options.entities }),
        auth: mockServices.auth(),
        integrations,
        checkouts,
        registry: new NpmRegistryClient({ registryUrl: options.registryUrl }),
        advisories: new GithubAdvisoryClient({ integrations }),
        logger: mockServices.logger.mock(),
        grouping: 'per-dependency',
        ignore: [],
      },
    ),
    executor: new DependencyUpdateExecutor({
      checkouts,
      publisher: new GithubPullRequestPublisher({ integrations }),
      tools: testToolRunner(),
      npmRegistry: options.registryUrl,
    }),
  };
}
