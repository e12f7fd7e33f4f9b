import {
  ChangelogStyle,
  detectChangelogStyle,
  repositoryWebUrl,
} from './changelog/changelogStyle';
import {
  renderChangelogSection,
  visibleEntries,
} from './changelog/renderChangelog';
import { ReleaseEntry } from './commits/parseCommit';
import { readChangesetEntries } from './commits/readChangesets';
import { readReleaseEntries } from './commits/readEntries';
import { fileReaderAt } from './config/FileReader';
import { ReleaseConfig, readReleaseConfig } from './config/readReleaseConfig';
import { GitRepository } from './git/GitRepository';
import { Bump, computeBump, nextVersion } from './versions/bump';
import {
  formatReleaseTag,
  inferTagFormat,
  latestRelease,
  parseReleaseTag,
  ReleaseTag,
} from './versions/releaseTags';
import {
  describeRootPackage,
  findWorkspacePackages,
  ReleasePackage,
} from './workspaces/findPackages';

/**
 * What to plan a release for.
 *
 * @public
 */
export type PlanReleaseOptions = {
  /** The repository checkout. */
  dir: string;
  /** Start of the range (exclusive); the package's last release tag by default. */
  from?: string;
  /** End of the range; `HEAD` by default. */
  to?: string;
  /** A workspace package's name or folder; the whole repository by default. */
  package?: string;
  /** Release date for the heading, `YYYY-MM-DD`; today by default. */
  date?: string;
};

/**
 * The next release of a repository or one of its packages.
 *
 * @public
 */
export type ReleasePlan = {
  package: ReleasePackage;
  config: Pick<ReleaseConfig, 'tool' | 'source'>;
  previousVersion?: string;
  previousTag?: string;
  nextVersion: string;
  nextTag: string;
  bump: Bump;
  /** Why this bump, in a sentence. */
  reason: string;
  /** The entries the changelog shows, newest first. */
  entries: ReleaseEntry[];
  /** Every Conventional Commit of the range, hidden types included. */
  allEntries: ReleaseEntry[];
  markdown: string;
  style: ChangelogStyle;
  changelogPath: string;
};

/**
 * Thrown for a request the repository cannot answer (unknown package or ref).
 *
 * @public
 */
export class ReleasePlanError extends Error {
  name = 'ReleasePlanError';
}

const STYLE_OF_TOOL: Record<string, ChangelogStyle['kind'] | undefined> = {
  'semantic-release': 'conventional-changelog',
  'conventional-changelog': 'conventional-changelog',
  changesets: 'changesets',
};

function componentNames(pkg: ReleasePackage, configured?: string): string[] {
  const names = [
    pkg.name,
    pkg.name.replace(/^@[^/]+\//, ''),
    pkg.path.split('/').pop()!,
  ];
  if (configured) names.unshift(configured);
  return names;
}

function within(path: string, files: string[]): boolean {
  return (
    path === '.' || files.some(f => f === path || f.startsWith(`${path}/`))
  );
}

/**
 * Plans the next release: reads the range's commits (or changesets), the
 * repository's release configuration and tags, and computes the bump, the next
 * version and the CHANGELOG.md section in the repository's style.
 *
 * @public
 */
export async function planRelease(
  options: PlanReleaseOptions,
): Promise<ReleasePlan> {
  const repo = new GitRepository(options.dir);
  const to = options.to ?? 'HEAD';
  const toHash = await repo.resolve(to);
  if (!toHash) throw new ReleasePlanError(`Unknown ref ${to}`);
  const read = fileReaderAt(repo, toHash);
  const config = await readReleaseConfig(read);

  let pkg = await describeRootPackage(read);
  if (options.package) {
    const packages = await findWorkspacePackages(repo, toHash, read);
    const wanted = options.package.replace(/\/$/, '');
    const found = packages.find(p => p.name === wanted || p.path === wanted);
    if (!found) {
      throw new ReleasePlanError(
        `No package ${wanted}; the workspace has ${
          packages.map(p => p.name).join(', ') || 'none'
        }`,
      );
    }
    pkg = found;
  }
  const configured = config.packages.find(p => p.path === pkg.path);
  const sections = configured?.sections ?? config.sections;
  const rules = { ...config.rules, ...configured?.rules };
  if (config.tool === 'release-please') {
    // release-please proposes a patch for any change its changelog shows.
    rules.patchTypes = sections.filter(s => !s.hidden).map(s => s.type);
  }

  const tags = (await repo.tags(options.from ?? toHash))
    .map(parseReleaseTag)
    .filter((t): t is ReleaseTag => t !== undefined);
  const names = componentNames(pkg, configured?.component);
  const isRoot = pkg.path === '.';
  const matches = (t: ReleaseTag) =>
    t.component === undefined ? isRoot : names.includes(t.component);
  let previous: ReleaseTag | undefined;
  if (options.from) {
    const own = parseReleaseTag(options.from);
    previous =
      own && (await repo.resolve(options.from))
        ? own
        : latestRelease(tags, matches);
  } else {
    previous = latestRelease(tags, matches);
    if (!previous && isRoot) {
      // A single-package repository whose tags all carry one component (`name-v1.2.3`).
      const components = new Set(tags.map(t => t.component));
      if (components.size === 1) previous = latestRelease(tags, () => true);
    }
  }
  const from = options.from ?? previous?.tag;
  if (from && !(await repo.resolve(from)))
    throw new ReleasePlanError(`Unknown ref ${from}`);

  let allEntries: ReleaseEntry[];
  if (config.tool === 'changesets') {
    allEntries = (
      await readChangesetEntries(repo, { to: toHash, from })
    ).filter(e => !options.package || (e.packages && pkg.name in e.packages));
  } else {
    const { entries } = await readReleaseEntries(
      repo,
      { to: toHash, from },
      {
        multipleChangesPerCommit: config.multipleChangesPerCommit,
      },
    );
    allEntries = entries.filter(e => within(pkg.path, e.files));
  }

  const previousVersion =
    previous?.version ?? config.manifest[pkg.path] ?? undefined;
  let bump = computeBump(allEntries, rules);
  const goMajorBlocked =
    bump === 'major' &&
    previousVersion !== undefined &&
    !(await goModuleAllowsMajor(read, pkg, previousVersion));
  if (goMajorBlocked) bump = 'minor';
  const releaseAs = allEntries.find(e => e.releaseAs)?.releaseAs;
  const next = previousVersion
    ? nextVersion(previousVersion, bump, rules, releaseAs)
    : { version: releaseAs ?? pkg.version ?? '1.0.0', bump };

  let tagFormat = inferTagFormat(
    tags,
    previous?.component ?? (isRoot ? undefined : names[0]),
  );
  if (configured?.tagTemplate) tagFormat = { template: configured.tagTemplate };
  else if (config.tagTemplate && isRoot) {
    tagFormat = { template: config.tagTemplate };
  }
  const nextTag = formatReleaseTag(tagFormat, next.version);

  const changelogPath =
    configured?.changelogPath ??
    (isRoot ? 'CHANGELOG.md' : `${pkg.path}/CHANGELOG.md`);
  const style = detectChangelogStyle(
    (await read(changelogPath)) ?? (await read('CHANGELOG.md')),
    {
      repositoryUrl: repositoryWebUrl(await repo.originUrl()),
      kind: STYLE_OF_TOOL[config.tool],
    },
  );
  const entries = visibleEntries(allEntries, sections);
  const markdown = renderChangelogSection(
    {
      version: next.version,
      previousTag: previous?.tag,
      nextTag,
      date: options.date ?? new Date().toISOString().slice(0, 10),
      bump: next.bump,
      entries: allEntries,
      sections,
    },
    style,
  );
  return {
    package: pkg,
    config: { tool: config.tool, source: config.source },
    previousVersion,
    previousTag: previous?.tag,
    nextVersion: next.version,
    nextTag,
    bump: next.bump,
    reason: goMajorBlocked
      ? `minor: breaking changes, but a Go module's major release needs a new module path (/v${
          semverMajor(previousVersion!) + 1
        })`
      : explain(
          next.bump,
          allEntries,
          previousVersion,
          next.version,
          releaseAs,
        ),
    entries,
    allEntries,
    markdown,
    style,
    changelogPath,
  };
}

function semverMajor(version: string): number {
  return Number(version.split('.')[0]);
}

/**
 * A Go module at v1 or later can only release a new major version once its module
 * path ends in the new `/vN`; until then breaking changes release as minor.
 */
async function goModuleAllowsMajor(
  read: (path: string) => Promise<string | undefined>,
  pkg: ReleasePackage,
  previousVersion: string,
): Promise<boolean> {
  const major = semverMajor(previousVersion);
  if (major < 1) return true;
  const gomod = await read(pkg.path === '.' ? 'go.mod' : `${pkg.path}/go.mod`);
  const module = gomod && /^module\s+(\S+)/m.exec(gomod)?.[1];
  if (!module) return true;
  return module.endsWith(`/v${major + 1}`);
}

function explain(
  bump: Bump,
  entries: ReleaseEntry[],
  previous: string | undefined,
  next: string,
  releaseAs: string | undefined,
): string {
  if (releaseAs) return `Release-As: ${releaseAs}`;
  if (!previous) return `first release ${next}`;
  const count = (f: (e: ReleaseEntry) => boolean) => entries.filter(f).length;
  const breaking = count(e => e.breaking);
  const feats = count(e => e.type === 'feat');
  const fixes = count(e => e.type === 'fix' || e.type === 'perf');
  if (bump === 'none') return 'no releasable commits since the last release';
  return `${bump} from ${previous}: ${breaking} breaking, ${feats} features, ${fixes} fixes`;
}
