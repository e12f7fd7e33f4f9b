import { CustomErrorBase } from '@backstage/errors';
import semver from 'semver';
import { fetchFromRegistry, RegistryFailure } from '../fetchFromRegistry';

/** A Go module proxy request that failed, with the module and why. */
export class GoProxyError extends CustomErrorBase {
  name = 'GoProxyError' as const;

  constructor(
    message: string,
    readonly details: {
      modulePath: string;
      reason: RegistryFailure;
    },
    cause?: unknown,
  ) {
    super(message, cause);
  }
}

/** Upper-case letters as `!` and the lower-case letter, as the proxy protocol asks. */
export function escapeModulePath(modulePath: string): string {
  return modulePath.replace(/[A-Z]/g, letter => `!${letter.toLowerCase()}`);
}

/** A release version of the proxy protocol (`v1.2.3`) as semver, or undefined. */
export function goReleaseVersion(version: string): string | undefined {
  const match = /^v(\d+\.\d+\.\d+)$/.exec(version.trim());
  return match && semver.valid(match[1]) ? match[1] : undefined;
}

/**
 * Reads module versions from a Go module proxy (the GOPROXY protocol:
 * `GET /<module>/@v/list`, `GET /<module>/@latest`) with a timeout per
 * request; failures are `GoProxyError`s that say why.
 */
export class GoProxyClient {
  private readonly proxyUrl: string;

  constructor(
    private readonly options: { proxyUrl: string; timeoutMs?: number },
  ) {
    this.proxyUrl = options.proxyUrl.replace(/\/*$/, '/');
  }

  /** The highest release version (`v1.2.3`, no pre-release or pseudo-version). */
  async latestRelease(
    modulePath: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const list = await this.get(modulePath, '@v/list', signal);
    const releases = list
      .split('\n')
      .map(line => line.trim())
      .filter(version => goReleaseVersion(version));
    if (releases.length > 0) {
      return releases.sort((a, b) =>
        semver.rcompare(goReleaseVersion(a)!, goReleaseVersion(b)!),
      )[0];
    }
    // Modules without tags only have @latest, usually a pseudo-version.
    const latest = await this.get(modulePath, '@latest', signal).then(
      text => (JSON.parse(text) as { Version?: string }).Version,
      (error: unknown) => {
        if (
          error instanceof GoProxyError &&
          error.details.reason === 'not_found'
        ) {
          return undefined;
        }
        throw error;
      },
    );
    return latest && goReleaseVersion(latest) ? latest : undefined;
  }

  private async get(modulePath: string, suffix: string, signal?: AbortSignal) {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const url = `${this.proxyUrl}${escapeModulePath(modulePath)}/${suffix}`;
    const fail = (
      reason: GoProxyError['details']['reason'],
      message: string,
      cause?: unknown,
    ) => new GoProxyError(`${message} (${url})`, { modulePath, reason }, cause);
    // The protocol answers 404 or 410 for modules it does not serve.
    const response = await fetchFromRegistry({
      url,
      server: 'The Go proxy',
      subject: modulePath,
      notFound: `has no module ${modulePath}`,
      notFoundStatuses: [404, 410],
      timeoutMs,
      signal,
      fail,
    });
    return response.text();
  }
}
