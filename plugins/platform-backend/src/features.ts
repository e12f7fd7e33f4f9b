import {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CheckoutService,
  GithubBudget,
  GithubPullRequestPublisher,
} from '@catalyst/plugin-platform-node';
import { Knex } from 'knex';
import { PlatformConfig } from './config';

/** What every feature's wiring function is built from; made once by plugin.ts. */
export interface PlatformFeatureDeps {
  rootConfig: Config;
  config: PlatformConfig;
  db: Knex;
  logger: LoggerService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  integrations: ScmIntegrationRegistry;
  /** One provider, so GitHub App tokens are fetched and cached once. */
  credentialsProvider: GithubCredentialsProvider;
  publisher: GithubPullRequestPublisher;
  /** Every GitHub client of the platform sends through it, under its feature's name. */
  budget?: GithubBudget;
  /** The one checkout service of the plugin and its modules. */
  checkouts: CheckoutService;
}
