import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GithubAdvisoryClient } from '@catalyst/plugin-platform-node';
import { GoProxyClient } from '../dependencies/goModules/GoProxyClient';
import { NpmRegistryClient } from '../dependencies/npmRegistry/NpmRegistryClient';
import type { CheckoutService } from '@catalyst/plugin-platform-node';
import { DependencyUpdateConfig } from '../config';
import { DependencyUpdateScanner } from './DependencyUpdateScanner';

/** The configured dependency scanner; none without an npm registry or a Go proxy. */
export function createDependencyUpdateScanners(
  config: DependencyUpdateConfig,
  deps: {
    catalog: CatalogService;
    auth: AuthService;
    integrations: ScmIntegrationRegistry;
    credentialsProvider?: GithubCredentialsProvider;
    checkouts: CheckoutService;
    logger: LoggerService;
  },
): DependencyUpdateScanner[] {
  const { npmRegistry, goProxy, registryTimeoutMs: timeoutMs } = config;
  if (!npmRegistry && !goProxy) return [];
  return [
    new DependencyUpdateScanner(
      {
        frequency: { minutes: config.frequencyMinutes },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 5 },
      },
      {
        catalog: deps.catalog,
        auth: deps.auth,
        integrations: deps.integrations,
        checkouts: deps.checkouts,
        logger: deps.logger,
        registry: npmRegistry
          ? new NpmRegistryClient({ registryUrl: npmRegistry, timeoutMs })
          : undefined,
        goProxy: goProxy
          ? new GoProxyClient({ proxyUrl: goProxy, timeoutMs })
          : undefined,
        advisories: new GithubAdvisoryClient({
          integrations: deps.integrations,
          credentialsProvider: deps.credentialsProvider,
        }),
        grouping: config.grouping,
        ignore: config.ignore,
      },
    ),
  ];
}
