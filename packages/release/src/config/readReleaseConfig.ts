import { parse as parseYaml } from 'yaml';
import { Bump, BumpRules, defaultBumpRules } from '../versions/bump';
import { FileReader, parseJsonFile } from './FileReader';

/**
 * A changelog section for a commit type.
 *
 * @public
 */
export type ChangelogSection = {
  type: string;
  section: string;
  hidden?: boolean;
};

/**
 * The release tool a repository already uses.
 *
 * @public
 */
export type ReleaseTool =
  | 'release-please'
  | 'semantic-release'
  | 'conventional-changelog'
  | 'changesets'
  | 'none';

/**
 * A package as a release-please manifest configuration lists it.
 *
 * @public
 */
export type ConfiguredPackage = {
  path: string;
  component?: string;
  tagTemplate?: string;
  changelogPath?: string;
  rules?: Partial<BumpRules>;
  sections?: ChangelogSection[];
};

/**
 * What a repository's own release configuration says.
 *
 * @public
 */
export type ReleaseConfig = {
  tool: ReleaseTool;
  /** Where the configuration was read from (for the detection report). */
  source?: string;
  rules: BumpRules;
  sections: ChangelogSection[];
  /** Several Conventional Commits per message (release-please). */
  multipleChangesPerCommit: boolean;
  /** semantic-release `tagFormat`. */
  tagTemplate?: string;
  /** release-please manifest packages by path. */
  packages: ConfiguredPackage[];
  /** release-please manifest: path to released version. */
  manifest: Record<string, string>;
};

/**
 * release-please's default sections (node, go, rust, simple and most release types).
 *
 * @public
 */
export const releasePleaseSections: ChangelogSection[] = [
  { type: 'feat', section: 'Features' },
  { type: 'fix', section: 'Bug Fixes' },
  { type: 'perf', section: 'Performance Improvements' },
  { type: 'revert', section: 'Reverts' },
  { type: 'docs', section: 'Documentation', hidden: true },
  { type: 'style', section: 'Styles', hidden: true },
  { type: 'chore', section: 'Miscellaneous Chores', hidden: true },
  { type: 'refactor', section: 'Code Refactoring', hidden: true },
  { type: 'test', section: 'Tests', hidden: true },
  { type: 'build', section: 'Build System', hidden: true },
  { type: 'ci', section: 'Continuous Integration', hidden: true },
];

/**
 * The sections release-please's python, java and R release types use: dependencies and
 * documentation are shown.
 *
 * @public
 */
export const releasePleaseExtendedSections: ChangelogSection[] = [
  { type: 'feat', section: 'Features' },
  { type: 'fix', section: 'Bug Fixes' },
  { type: 'perf', section: 'Performance Improvements' },
  { type: 'deps', section: 'Dependencies' },
  { type: 'revert', section: 'Reverts' },
  { type: 'docs', section: 'Documentation' },
  ...releasePleaseSections.filter(s => s.hidden && s.type !== 'docs'),
];

function pleaseSections(options: Json): ChangelogSection[] {
  const type = options['release-type'] ?? options.releaseType;
  return (
    sectionsFrom(options['changelog-sections']) ??
    (typeof type === 'string' &&
    /^(python|java|java-.*|maven|r|ruby-yoshi)$/.test(type)
      ? releasePleaseExtendedSections
      : releasePleaseSections)
  );
}

/**
 * conventional-changelog's (semantic-release's) default sections.
 *
 * @public
 */
export const conventionalChangelogSections: ChangelogSection[] = [
  { type: 'feat', section: 'Features' },
  { type: 'fix', section: 'Bug Fixes' },
  { type: 'perf', section: 'Performance Improvements' },
  { type: 'revert', section: 'Reverts' },
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function sectionsFrom(value: unknown): ChangelogSection[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const sections = value
    .filter(isObject)
    .filter(s => typeof s.type === 'string' && typeof s.section === 'string')
    .map(s => ({
      type: s.type as string,
      section: s.section as string,
      hidden: s.hidden === true,
    }));
  return sections.length ? sections : undefined;
}

function pleaseRules(options: Json): Partial<BumpRules> {
  const rules: Partial<BumpRules> = {};
  const minor = options['bump-minor-pre-major'] ?? options.bumpMinorPreMajor;
  const patch =
    options['bump-patch-for-minor-pre-major'] ??
    options.bumpPatchForMinorPreMajor;
  if (typeof minor === 'boolean') rules.bumpMinorPreMajor = minor;
  if (typeof patch === 'boolean') rules.bumpPatchForMinorPreMajor = patch;
  return rules;
}

function pleaseTag(options: Json, component: string | undefined): string {
  const v = options['include-v-in-tag'] === false ? '' : 'v';
  const withComponent =
    component !== undefined && options['include-component-in-tag'] !== false;
  const separator =
    typeof options['tag-separator'] === 'string'
      ? options['tag-separator']
      : '-';
  return withComponent
    ? `${component}${separator}${v}\${version}`
    : `${v}\${version}`;
}

function pleaseComponent(options: Json, path: string): string | undefined {
  if (typeof options.component === 'string') return options.component;
  if (path === '.') return undefined;
  if (typeof options['package-name'] === 'string') {
    return options['package-name'];
  }
  return path.split('/').pop();
}

// release-please's own defaults when its configuration is present.
const pleaseDefaults: BumpRules = {
  bumpMinorPreMajor: false,
  bumpPatchForMinorPreMajor: false,
  patchTypes: ['fix', 'perf', 'deps'],
  alwaysBump: false,
};

async function readReleasePlease(
  read: FileReader,
): Promise<ReleaseConfig | undefined> {
  const config = parseJsonFile(await read('release-please-config.json'));
  const manifest = parseJsonFile(await read('.release-please-manifest.json'));
  if (isObject(config)) {
    const packages: ConfiguredPackage[] = [];
    const rawPackages = isObject(config.packages) ? config.packages : {};
    for (const [path, value] of Object.entries(rawPackages).slice(0, 1000)) {
      const options = { ...config, ...(isObject(value) ? value : {}) };
      const component = pleaseComponent(options, path);
      packages.push({
        path,
        component,
        tagTemplate: pleaseTag(options, component),
        changelogPath:
          typeof options['changelog-path'] === 'string'
            ? options['changelog-path']
            : undefined,
        rules: pleaseRules(options),
        sections: pleaseSections(options),
      });
    }
    return {
      tool: 'release-please',
      source: 'release-please-config.json',
      rules: { ...pleaseDefaults, ...pleaseRules(config) },
      sections: pleaseSections(config),
      multipleChangesPerCommit: true,
      packages,
      manifest: isObject(manifest)
        ? (Object.fromEntries(
            Object.entries(manifest).filter(([, v]) => typeof v === 'string'),
          ) as Record<string, string>)
        : {},
    };
  }
  for (const path of [
    '.github/release-please.yml',
    '.github/release-please.yaml',
  ]) {
    const text = await read(path);
    if (text === undefined) continue;
    const options = safeYaml(text);
    return {
      tool: 'release-please',
      source: path,
      rules: {
        ...pleaseDefaults,
        ...pleaseRules(isObject(options) ? options : {}),
      },
      sections: pleaseSections(isObject(options) ? options : {}),
      multipleChangesPerCommit: true,
      packages: [],
      manifest: {},
    };
  }
  return undefined;
}

function safeYaml(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 50 });
  } catch {
    // Malformed YAML counts as no configuration.
    return undefined;
  }
}

const BUMPS: Bump[] = ['major', 'minor', 'patch', 'none'];

function semanticReleaseConfig(options: Json, source: string): ReleaseConfig {
  const releaseRules: NonNullable<BumpRules['releaseRules']> = [];
  const plugins = Array.isArray(options.plugins) ? options.plugins : [];
  for (const plugin of plugins) {
    if (
      !Array.isArray(plugin) ||
      plugin[0] !== '@semantic-release/commit-analyzer'
    )
      continue;
    const rules = isObject(plugin[1]) ? plugin[1].releaseRules : undefined;
    for (const rule of Array.isArray(rules) ? rules.filter(isObject) : []) {
      const release = rule.release === false ? 'none' : rule.release;
      if (!BUMPS.includes(release as Bump)) continue;
      releaseRules.push({
        type: typeof rule.type === 'string' ? rule.type : undefined,
        scope: typeof rule.scope === 'string' ? rule.scope : undefined,
        release: release as Bump,
      });
    }
  }
  return {
    tool: 'semantic-release',
    source,
    rules: {
      bumpMinorPreMajor: false,
      bumpPatchForMinorPreMajor: false,
      patchTypes: ['fix', 'perf', 'revert'],
      releaseRules,
    },
    sections: conventionalChangelogSections,
    multipleChangesPerCommit: false,
    tagTemplate:
      typeof options.tagFormat === 'string' ? options.tagFormat : 'v${version}',
    packages: [],
    manifest: {},
  };
}

async function readSemanticRelease(
  read: FileReader,
): Promise<ReleaseConfig | undefined> {
  for (const path of [
    '.releaserc',
    '.releaserc.json',
    '.releaserc.yaml',
    '.releaserc.yml',
  ]) {
    const text = await read(path);
    if (text === undefined) continue;
    const options = parseJsonFile(text) ?? safeYaml(text);
    return semanticReleaseConfig(isObject(options) ? options : {}, path);
  }
  for (const path of [
    'release.config.js',
    'release.config.cjs',
    'release.config.mjs',
  ]) {
    // A JavaScript configuration is never executed; its presence is what counts.
    if ((await read(path)) !== undefined)
      return semanticReleaseConfig({}, path);
  }
  const pkg = parseJsonFile(await read('package.json'));
  if (isObject(pkg) && isObject(pkg.release)) {
    return semanticReleaseConfig(pkg.release, 'package.json#release');
  }
  // standard-version and commit-and-tag-version write conventional-changelog sections too.
  for (const path of ['.versionrc', '.versionrc.json']) {
    if ((await read(path)) !== undefined) {
      return {
        ...semanticReleaseConfig({}, path),
        tool: 'conventional-changelog',
      };
    }
  }
  const devDependencies =
    isObject(pkg) && isObject(pkg.devDependencies) ? pkg.devDependencies : {};
  for (const tool of ['standard-version', 'commit-and-tag-version']) {
    if (tool in devDependencies || (isObject(pkg) && isObject(pkg[tool]))) {
      return {
        ...semanticReleaseConfig({}, `package.json (${tool})`),
        tool: 'conventional-changelog',
      };
    }
  }
  return undefined;
}

async function readChangesetsConfig(
  read: FileReader,
): Promise<ReleaseConfig | undefined> {
  if ((await read('.changeset/config.json')) === undefined) return undefined;
  return {
    tool: 'changesets',
    source: '.changeset/config.json',
    rules: {
      bumpMinorPreMajor: false,
      bumpPatchForMinorPreMajor: false,
      patchTypes: ['fix', 'perf'],
    },
    sections: releasePleaseSections,
    multipleChangesPerCommit: false,
    packages: [],
    manifest: {},
  };
}

/**
 * Reads the repository's own release configuration (release-please manifest
 * configuration or `.github/release-please.yml`, semantic-release
 * `.releaserc*` / `release.config.*` / package.json `release`, changesets
 * `.changeset/config.json`; standard-version's `.versionrc`); Catalyst's
 * defaults when there is none.
 *
 * @public
 */
export async function readReleaseConfig(
  read: FileReader,
): Promise<ReleaseConfig> {
  return (
    (await readReleasePlease(read)) ??
    (await readChangesetsConfig(read)) ??
    (await readSemanticRelease(read)) ?? {
      tool: 'none',
      rules: defaultBumpRules,
      sections: releasePleaseSections,
      multipleChangesPerCommit: false,
      packages: [],
      manifest: {},
    }
  );
}
