import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  isSpecEntity,
  SpecEntityV1alpha1,
} from '@catalyst/plugin-platform-common';
import { SpecSourceReader } from '@catalyst/plugin-platform-node';
import { JsonObject } from '@backstage/types';
import { buildSpecEntity } from './specEntities';
import { validateSpecEntity } from './specEntitySchema';

interface CachedSpecs extends JsonObject {
  etag: string;
  entities: JsonObject[];
}

const CACHE_KEY = 'specs';

/**
 * Emits one `Spec` entity (catalyst.dev/v1alpha1) for every Spec Kit folder of
 * a Component, with `partOf` / `hasPart` relations, and validates the kind.
 *
 * URL sources are read as a tree with the previous etag: an unchanged
 * repository costs one request and re-emits the cached entities.
 *
 * @public
 */
export class SpecEntitiesProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      reader: SpecSourceReader;
      integrations: ScmIntegrationRegistry;
      logger: LoggerService;
    },
  ) {}

  getProcessorName(): string {
    return 'SpecEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isSpecEntity(entity)) {
      return false;
    }
    return validateSpecEntity(entity) !== false;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (isSpecEntity(entity)) {
      this.emitSpecRelations(entity, emit);
    } else if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
      await this.emitSpecsOfComponent(entity, location, emit, cache);
    }
    return entity;
  }

  private emitSpecRelations(
    entity: SpecEntityV1alpha1,
    emit: CatalogProcessorEmit,
  ) {
    const self = getCompoundEntityRef(entity);
    const namespace = self.namespace;
    const component = parseEntityRef(entity.spec.component, {
      defaultKind: 'component',
      defaultNamespace: namespace,
    });
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_PART_OF,
        target: component,
      }),
    );
    emit(
      processingResult.relation({
        source: component,
        type: RELATION_HAS_PART,
        target: self,
      }),
    );
    const owner = parseEntityRef(entity.spec.owner, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_OWNED_BY,
        target: owner,
      }),
    );
    emit(
      processingResult.relation({
        source: owner,
        type: RELATION_OWNER_OF,
        target: self,
      }),
    );
  }

  private async emitSpecsOfComponent(
    component: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ) {
    const cached = await cache.get<CachedSpecs>(CACHE_KEY);
    let read;
    try {
      read = await this.options.reader.read(component, { etag: cached?.etag });
    } catch (error) {
      // Unchanged (or, for now, unreadable) repositories keep the specs of the
      // last successful read; an unreadable one is also reported on the component.
      for (const spec of cached?.entities ?? []) {
        emit(processingResult.entity(location, spec as unknown as Entity));
      }
      if (cached) {
        await cache.set(CACHE_KEY, cached);
      }
      if ((error as Error).name !== NotModifiedError.name) {
        emit(
          processingResult.generalError(
            location,
            `Could not read specs: ${error}`,
          ),
        );
      }
      return;
    }
    if (!read) {
      return;
    }
    const catalogFile = location.type === 'file' ? location.target : undefined;
    const entities = read.index.specs.map(folder =>
      buildSpecEntity({
        component,
        folder,
        source: read.source,
        integrations: this.options.integrations,
        catalogFile,
      }),
    );
    for (const spec of entities) {
      emit(processingResult.entity(location, spec));
    }
    for (const diagnostic of read.index.diagnostics) {
      if (diagnostic.severity === 'error') {
        this.options.logger.warn(
          `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ${
            diagnostic.message
          }`,
        );
      }
    }
    if (read.etag) {
      await cache.set<CachedSpecs>(CACHE_KEY, {
        etag: read.etag,
        entities: entities as unknown as JsonObject[],
      });
    }
  }
}
