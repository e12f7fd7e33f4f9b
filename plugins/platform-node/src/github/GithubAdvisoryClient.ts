import type { components } from '@octokit/openapi-types';
import { GithubClientOptions, githubConnector } from './connectGithub';
import { parseGithubRepository } from './parseGithubRepository';

type GlobalAdvisory = components['schemas']['global-advisory'];

/**
 * How severe GitHub rates an advisory.
 *
 * @public
 */
export type AdvisorySeverity =
  components['schemas']['global-advisory']['severity'];

/**
 * A reviewed security advisory as it concerns one package.
 *
 * @public
 */
export interface PackageSecurityAdvisory {
  /** `GHSA-xxxx-xxxx-xxxx` */
  ghsaId: string;
  severity: AdvisorySeverity;
  summary: string;
  /** The advisory's page. */
  url: string;
  packageName: string;
  /** GitHub's syntax: `>= 1.0.0, < 1.2.3`. */
  vulnerableVersionRange: string;
  firstPatchedVersion: string | null;
}

/**
 * A package at the version a repository uses.
 *
 * @public
 */
export interface AdvisoryQueryPackage {
  name: string;
  version: string;
}

// Keeps the `affects` query well below URL length limits.
const PACKAGES_PER_REQUEST = 50;

/**
 * Reads GitHub's global security advisory database
 * (`GET /advisories?ecosystem=...&affects=name@version`) on the host of a
 * repository, with the integration's credentials; failures throw the typed
 * GitHub errors.
 *
 * @public
 */
export class GithubAdvisoryClient {
  private readonly connect: ReturnType<typeof githubConnector>;

  constructor(options: GithubClientOptions) {
    this.connect = githubConnector(options);
  }

  /**
   * The reviewed, not withdrawn advisories that affect any of `packages` at
   * its version: one entry per advisory and affected package.
   */
  async listAffecting(options: {
    /** A repository URL on the GitHub host to ask (`https://github.com/acme/web`). */
    repository: string;
    ecosystem: components['schemas']['security-advisory-ecosystems'];
    packages: AdvisoryQueryPackage[];
  }): Promise<PackageSecurityAdvisory[]> {
    if (options.packages.length === 0) return [];
    const github = await this.connect(
      parseGithubRepository(options.repository),
    );
    const names = new Set(options.packages.map(pkg => pkg.name));
    const found = new Map<string, PackageSecurityAdvisory>();
    for (let i = 0; i < options.packages.length; i += PACKAGES_PER_REQUEST) {
      const affects = options.packages
        .slice(i, i + PACKAGES_PER_REQUEST)
        .map(pkg => `${pkg.name}@${pkg.version}`)
        .join(',');
      const advisories = await github.call(
        'security-advisories/list-global-advisories',
        async client => ({
          data: (await client.paginate('GET /advisories', {
            ecosystem: options.ecosystem,
            affects,
            per_page: 100,
          })) as GlobalAdvisory[],
        }),
      );
      for (const advisory of advisories) {
        if (advisory.withdrawn_at) continue;
        for (const vulnerability of advisory.vulnerabilities ?? []) {
          const name = vulnerability.package?.name;
          if (!name || !names.has(name)) continue;
          if (vulnerability.package?.ecosystem !== options.ecosystem) continue;
          found.set(`${advisory.ghsa_id}\0${name}`, {
            ghsaId: advisory.ghsa_id,
            severity: advisory.severity,
            summary: advisory.summary,
            url: advisory.html_url,
            packageName: name,
            vulnerableVersionRange:
              vulnerability.vulnerable_version_range ?? '',
            firstPatchedVersion: vulnerability.first_patched_version,
          });
        }
      }
    }
    return [...found.values()];
  }
}
