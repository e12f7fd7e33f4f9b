import semver from 'semver';

/**
 * A tag read as a release: which component it is for (none for a single-package
 * repository) and which version.
 *
 * @public
 */
export type ReleaseTag = {
  tag: string;
  /** `pkg` in `pkg@1.2.3`, `pkg-v1.2.3`, `pkg/v1.2.3`; undefined for `v1.2.3` and `1.2.3`. */
  component?: string;
  version: string;
};

const FORMS: RegExp[] = [
  /^v?(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/,
  /^(?<component>.+)@v?(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/,
  /^(?<component>.+?)[-/_]v(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/,
  /^(?<component>.+?)[-/]v?(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/,
];

/**
 * Reads a tag in the forms people use for releases: `v1.2.3`, `1.2.3`,
 * `pkg@1.2.3`, `@scope/pkg@1.2.3`, `pkg-v1.2.3`, `pkg/v1.2.3` (Go modules);
 * undefined for any other tag.
 *
 * @public
 */
export function parseReleaseTag(tag: string): ReleaseTag | undefined {
  if (tag.length > 256) return undefined;
  for (const form of FORMS) {
    const match = form.exec(tag);
    const version = match?.groups?.version;
    if (match && version && semver.valid(version)) {
      return { tag, component: match.groups?.component, version };
    }
  }
  return undefined;
}

/**
 * The tag text for a version of a component, in the repository's form.
 *
 * @public
 */
export type TagFormat = {
  /** `${version}` is replaced; e.g. `v${version}`, `pkg@${version}`, `pkg-v${version}`. */
  template: string;
};

/** @public */
export function formatReleaseTag(format: TagFormat, version: string): string {
  return format.template.split('${version}').join(version);
}

/**
 * Guesses a component's tag form from its existing tags.
 *
 * @public
 */
export function inferTagFormat(
  tags: ReleaseTag[],
  component: string | undefined,
): TagFormat {
  const own = tags.filter(t => t.component === component);
  const latest = own.sort((a, b) => semver.rcompare(a.version, b.version))[0];
  if (latest) {
    const at = latest.tag.lastIndexOf(latest.version);
    return {
      template: `${latest.tag.slice(0, at)}\${version}${latest.tag.slice(
        at + latest.version.length,
      )}`,
    };
  }
  return { template: component ? `${component}@\${version}` : 'v${version}' };
}

/**
 * The newest release of a component among tags, stable versions first unless
 * only prereleases exist.
 *
 * @public
 */
export function latestRelease(
  tags: ReleaseTag[],
  matches: (tag: ReleaseTag) => boolean,
  options: { includePrereleases?: boolean } = {},
): ReleaseTag | undefined {
  const own = tags.filter(matches);
  const stable = own.filter(t => !semver.prerelease(t.version));
  const pool = options.includePrereleases || !stable.length ? own : stable;
  return pool.sort((a, b) => semver.rcompare(a.version, b.version))[0];
}
