import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SpecRefreshResponse,
  specEntityRef,
} from '@catalyst/plugin-platform-common';
import { SpecSourceReader } from '@catalyst/plugin-platform-node';
import { SpecStore } from './SpecStore';

const GITHUB_SLUG_ANNOTATION = 'github.com/project-slug';

/**
 * Keeps spec_folders and spec_tasks in step with the components' repositories.
 * An unchanged repository costs one conditional read (etag); an unchanged
 * folder costs a hash comparison.
 */
export class SpecIndexer {
  constructor(
    private readonly options: {
      store: SpecStore;
      reader: SpecSourceReader;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Components indexed at once by `syncAll`. Default 1. */
      concurrency?: number;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Indexes one component. */
  async syncEntity(entity: Entity): Promise<SpecRefreshResponse> {
    const { store, reader, logger } = this.options;
    const entityRef = stringifyEntityRef(entity);
    const state = await store.getSourceState(entityRef);
    const now = this.now();
    let read;
    try {
      read = await reader.read(entity, { etag: state?.etag });
    } catch (error) {
      if ((error as Error).name === NotModifiedError.name) {
        const unchanged = await store.touch(entityRef, now);
        await store.saveSourceState(entityRef, { etag: state?.etag }, now);
        return { entityRef, updated: 0, unchanged, removed: 0 };
      }
      await store.saveSourceState(
        entityRef,
        { error: String((error as Error).message ?? error) },
        now,
      );
      throw error;
    }
    if (!read) {
      const removed = await store.syncFolders(entityRef, [], now);
      return { entityRef, ...removed };
    }
    for (const diagnostic of read.index.diagnostics.filter(
      d => d.severity === 'error',
    )) {
      logger.warn(
        `Spec problem in ${entityRef}: ${diagnostic.file}${
          diagnostic.line ? `:${diagnostic.line}` : ''
        } ${diagnostic.message}`,
      );
    }
    const owner = relationRef(entity.spec?.owner, 'group', entity);
    const system = relationRef(entity.spec?.system, 'system', entity);
    const active = new Set(
      read.activeSlugs.map(s => s.toLocaleLowerCase('en-US')),
    );
    const component = getCompoundEntityRef(entity);
    const result = await store.syncFolders(
      entityRef,
      read.index.specs.map(folder => ({
        folder,
        specEntityRef: specEntityRef(component, folder.slug),
        owner,
        system,
        active: active.has(folder.slug.toLocaleLowerCase('en-US')),
      })),
      now,
    );
    await store.saveSourceState(
      entityRef,
      { etag: read.etag, activeSlugs: read.activeSlugs },
      now,
    );
    if (result.updated || result.removed) {
      logger.info(
        `Indexed specs of ${entityRef}: ${result.updated} updated, ${result.unchanged} unchanged, ${result.removed} removed`,
      );
    }
    return { entityRef, ...result };
  }

  /** Indexes one component by ref, looked up in the catalog. */
  async syncEntityRef(
    entityRef: string,
  ): Promise<SpecRefreshResponse | undefined> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return entity ? this.syncEntity(entity) : undefined;
  }

  /** Components whose `github.com/project-slug` is the given repository. */
  async componentsOfRepository(fullName: string): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${GITHUB_SLUG_ANNOTATION}`]: fullName,
        },
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items;
  }

  /**
   * Indexes every component of the catalog, `concurrency` at a time, so a
   * large organisation's index is not the sum of every repository's round
   * trips to GitHub; one failure does not stop the rest, an aborted `signal`
   * (the scheduler's timeout) does.
   */
  async syncAll(
    signal?: AbortSignal,
  ): Promise<{ components: number; failed: number }> {
    const { catalog, auth, logger } = this.options;
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    let failed = 0;
    let next = 0;
    const worker = async () => {
      while (next < items.length && !signal?.aborted) {
        const entity = items[next++];
        try {
          await this.syncEntity(entity);
        } catch (error) {
          failed += 1;
          logger.warn(
            `Could not index specs of ${stringifyEntityRef(entity)}: ${error}`,
          );
        }
      }
    };
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    await Promise.all(
      Array.from({ length: Math.min(concurrency, items.length) }, worker),
    );
    return { components: items.length, failed };
  }
}

function relationRef(
  value: unknown,
  defaultKind: string,
  entity: Entity,
): string | undefined {
  if (typeof value !== 'string' || !value) {
    return undefined;
  }
  return stringifyEntityRef(
    parseEntityRef(value, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}
