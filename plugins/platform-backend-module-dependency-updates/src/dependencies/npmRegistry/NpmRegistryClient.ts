import { fetchFromRegistry } from '../fetchFromRegistry';
import { NpmRegistryError } from './NpmRegistryError';

/** What dependency updates read of a package document (packument). */
export interface NpmPackument {
  name: string;
  /** `latest`, `next`, ... mapped to versions. */
  distTags: Record<string, string>;
  /** Every published version. */
  versions: string[];
  /** Publication time per version, when the registry sends it. */
  time: Record<string, string>;
}

// The abbreviated document is what npm itself installs from; JSON is the fallback.
const ACCEPT =
  'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/** `@scope/name` is one path segment: the slash is escaped, the `@` kept. */
export function packumentPath(name: string): string {
  return encodeURIComponent(name).replace(/^%40/, '@');
}

/**
 * Reads package documents from an npm registry's HTTP API
 * (`GET /<name>`), with a timeout per request; failures are
 * `NpmRegistryError`s that say why.
 */
export class NpmRegistryClient {
  private readonly registryUrl: string;

  constructor(
    private readonly options: {
      /** `https://registry.example.com/`; a path prefix is kept. */
      registryUrl: string;
      timeoutMs?: number;
    },
  ) {
    this.registryUrl = options.registryUrl.replace(/\/*$/, '/');
  }

  async getPackument(
    name: string,
    signal?: AbortSignal,
  ): Promise<NpmPackument> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const url = `${this.registryUrl}${packumentPath(name)}`;
    const fail = (
      reason: ConstructorParameters<typeof NpmRegistryError>[1]['reason'],
      message: string,
      cause?: unknown,
    ) =>
      new NpmRegistryError(
        `${message} (${url})`,
        { packageName: name, reason },
        cause,
      );
    const response = await fetchFromRegistry({
      url,
      server: 'The registry',
      subject: name,
      notFound: `has no package ${name}`,
      notFoundStatuses: [404],
      timeoutMs,
      signal,
      headers: { accept: ACCEPT },
      fail,
    });
    let body: {
      name?: unknown;
      'dist-tags'?: unknown;
      versions?: unknown;
      time?: unknown;
    };
    try {
      body = await response.json();
    } catch (error) {
      throw fail(
        'invalid_response',
        `The registry sent no JSON for ${name}`,
        error,
      );
    }
    const record = (value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    const distTags = record(body['dist-tags']);
    const versions = record(body.versions);
    if (!distTags || !versions) {
      throw fail(
        'invalid_response',
        `The document of ${name} has no dist-tags or versions`,
      );
    }
    const strings = (value: Record<string, unknown> | undefined) =>
      Object.fromEntries(
        Object.entries(value ?? {}).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
    return {
      name,
      distTags: strings(distTags),
      versions: Object.keys(versions),
      time: strings(record(body.time)),
    };
  }
}
