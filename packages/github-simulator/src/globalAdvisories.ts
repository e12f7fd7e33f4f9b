import type { components } from '@octokit/openapi-types';
import semver from 'semver';
import { SimulatedUrls } from './githubSchemas';

type GlobalAdvisory = components['schemas']['global-advisory'];

/**
 * A reviewed advisory a test seeds into the simulator: one package, the
 * versions it affects (GitHub's syntax, `>= 1.0.0, < 1.2.3`) and the first
 * version that fixes it.
 *
 * @public
 */
export interface SimulatedAdvisory {
  ghsaId: string;
  summary: string;
  severity: components['schemas']['global-advisory']['severity'];
  ecosystem: components['schemas']['security-advisory-ecosystems'];
  packageName: string;
  vulnerableVersionRange: string;
  firstPatchedVersion: string | null;
  cveId?: string;
  publishedAt?: string;
}

/** GitHub's comma-separated version range as a range the `semver` package reads. */
export function advisoryRange(range: string): string {
  return range.replace(/,/g, ' ');
}

/** `GET /advisories` entry of a seeded advisory. */
export function globalAdvisory(
  urls: SimulatedUrls,
  input: SimulatedAdvisory,
): GlobalAdvisory {
  const published = input.publishedAt ?? '2026-01-01T00:00:00Z';
  return {
    ghsa_id: input.ghsaId,
    cve_id: input.cveId ?? null,
    url: `${urls.api}/advisories/${input.ghsaId}`,
    html_url: `${urls.web}/advisories/${input.ghsaId}`,
    repository_advisory_url: null,
    summary: input.summary,
    description: input.summary,
    type: 'reviewed',
    severity: input.severity,
    source_code_location: null,
    identifiers: [
      { type: 'GHSA', value: input.ghsaId },
      ...(input.cveId ? [{ type: 'CVE' as const, value: input.cveId }] : []),
    ],
    references: [],
    published_at: published,
    updated_at: published,
    github_reviewed_at: published,
    nvd_published_at: null,
    withdrawn_at: null,
    vulnerabilities: [
      {
        package: { ecosystem: input.ecosystem, name: input.packageName },
        vulnerable_version_range: input.vulnerableVersionRange,
        first_patched_version: input.firstPatchedVersion,
        vulnerable_functions: [],
      },
    ],
    cvss: null,
    cwes: [],
    credits: [],
  };
}

/**
 * Whether an advisory matches the `ecosystem`, `severity`, `ghsa_id` and
 * `affects` (`package` or `package@version`, comma-separated) filters of
 * `GET /advisories`.
 */
export function advisoryMatches(
  input: SimulatedAdvisory,
  query: URLSearchParams,
): boolean {
  const ecosystem = query.get('ecosystem');
  if (ecosystem && ecosystem !== input.ecosystem) return false;
  const severity = query.get('severity');
  if (severity && severity !== input.severity) return false;
  const ghsaId = query.get('ghsa_id');
  if (ghsaId && ghsaId !== input.ghsaId) return false;
  const type = query.get('type') ?? 'reviewed';
  if (type !== 'reviewed') return false;
  const affects = [...query.getAll('affects'), ...query.getAll('affects[]')]
    .flatMap(value => value.split(','))
    .map(value => value.trim())
    .filter(Boolean);
  if (affects.length === 0) return true;
  return affects.some(entry => {
    // The name may be scoped (`@scope/name@1.0.0`): the version follows the last `@`.
    const at = entry.lastIndexOf('@');
    const [name, version] =
      at > 0 ? [entry.slice(0, at), entry.slice(at + 1)] : [entry, undefined];
    if (name !== input.packageName) return false;
    if (!version) return true;
    const range = advisoryRange(input.vulnerableVersionRange);
    return semver.valid(version)
      ? semver.satisfies(version, range)
      : semver.intersects(version, range);
  });
}
