/**
 * What a checkout is made of, as facts. The JSON printed by
 * `catalyst agents-md --json` is exactly these types. Every fact says where it
 * came from, so a reader (or a reviewer of a generated AGENTS.md) can check it.
 */

/**
 * Where a fact was read: a file and line in the checkout, or git evidence.
 *
 * @public
 */
export interface FactSource {
  /** Path relative to the analysed root, with forward slashes. */
  file?: string;
  /** 1-based line in `file`, when the fact sits on one line. */
  line?: number;
  /** The git evidence, e.g. `git log -n 200 (commit subjects)`. */
  git?: string;
  /** How the fact follows from the file when that is not obvious. */
  note?: string;
}

/** @public */
export type DiagnosticSeverity = 'warning' | 'info';

/**
 * Something the analyzer could not read or learn, with where.
 *
 * @public
 */
export interface AnalysisDiagnostic {
  severity: DiagnosticSeverity;
  message: string;
  file?: string;
  line?: number;
}

/** @public */
export type Ecosystem = 'node' | 'ruby' | 'go' | 'python' | 'rust' | 'jvm';

/** @public */
export interface LanguageFact {
  name: string;
  kind: 'programming' | 'markup' | 'data' | 'prose';
  files: number;
  bytes: number;
  /** Share of the bytes of all programming-language files, 0..1. */
  share: number;
  source: FactSource;
}

/** @public */
export type PackageManagerName =
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'bun'
  | 'bundler'
  | 'go'
  | 'cargo'
  | 'uv'
  | 'poetry'
  | 'pdm'
  | 'pipenv'
  | 'pip'
  | 'maven'
  | 'gradle';

/** @public */
export interface PackageManagerFact {
  name: PackageManagerName;
  ecosystem: Ecosystem;
  /** Directory of the manifest, '' for the root. */
  directory: string;
  /** From `packageManager`, a lock file header or a wrapper, when known. */
  version?: string;
  lockfile?: string;
  source: FactSource;
}

/** @public */
export interface RuntimeFact {
  name: 'node' | 'bun' | 'ruby' | 'go' | 'python' | 'rust' | 'java';
  version: string;
  source: FactSource;
}

/** @public */
export interface WorkspacePackageFact {
  name: string;
  /** Directory relative to the root. */
  path: string;
  ecosystem: Ecosystem;
  /** One line: package.json / Cargo / pyproject description, or a Go package doc comment. */
  description?: string;
  source: FactSource;
}

/** @public */
export interface StackFact {
  /** Display name, e.g. `Next.js`, `Rails`, `cobra`. */
  name: string;
  role: string;
  ecosystem: Ecosystem;
  /** Major (or major.minor) version declared or locked, when known. */
  version?: string;
  source: FactSource;
}

/** @public */
export type CommandKind =
  | 'install'
  | 'setup'
  | 'dev'
  | 'build'
  | 'test'
  | 'test-single'
  | 'e2e'
  | 'e2e-single'
  | 'lint'
  | 'lint-fix'
  | 'format'
  | 'format-check'
  | 'typecheck'
  | 'migrate'
  | 'generate'
  | 'security'
  | 'services'
  | 'check'
  /** A script or target whose name says nothing the other kinds cover (`modernize`, `seed`). */
  | 'other';

/** @public */
export type CommandOrigin =
  | 'package-script'
  | 'makefile'
  | 'justfile'
  | 'taskfile'
  | 'rakefile'
  | 'bin-script'
  | 'ci'
  | 'derived';

/** @public */
export interface CommandFact {
  kind: CommandKind;
  /** Exact, copy-pasteable, run from the repository root. */
  command: string;
  origin: CommandOrigin;
  /** Script, target or recipe name. */
  name?: string;
  /** What the script or target runs (its first line). */
  runs?: string;
  /** What the repository says the command does (a Makefile `##` comment, a Taskfile `desc`). */
  description?: string;
  /** Directory of the package the command belongs to, '' for the root. */
  directory: string;
  /** True when CI runs this command (or the script/target behind it). */
  runInCi?: boolean;
  source: FactSource;
}

/** @public */
export type TestFrameworkName =
  | 'jest'
  | 'vitest'
  | 'playwright'
  | 'cypress'
  | 'mocha'
  | 'bun'
  | 'node'
  | 'rspec'
  | 'minitest'
  | 'go'
  | 'pytest'
  | 'unittest'
  | 'cargo'
  | 'junit';

/** @public */
export interface TestFrameworkFact {
  name: TestFrameworkName;
  ecosystem: Ecosystem;
  /** Package directory it belongs to, '' for the root. */
  directory: string;
  /** End-to-end (browser) tests rather than unit tests. */
  e2e: boolean;
  /** Test files seen. */
  files: number;
  /** File name patterns seen, most common first (`*.test.ts`, `*_spec.rb`). */
  patterns: string[];
  /** Top folders holding the tests, most files first (`spec/`, `e2e/`). */
  locations: string[];
  /** Share of test files that sit next to the file they test, 0..1. */
  colocatedShare: number;
  /** Helper libraries seen (testing-library, factory_bot, testify...). */
  helpers: string[];
  /** Ways of writing tests the files show: table-driven subtests, golden files, snapshots. */
  practices: string[];
  config?: string;
  source: FactSource;
}

/** @public */
export interface StyleSetting {
  /** `indent`, `quotes`, `semicolons`, `lineLength`, `trailingCommas`, `endOfLine`, `finalNewline`... */
  key: string;
  value: string;
  /** Files the setting is limited to (`*.py`), when not all. */
  scope?: string;
  source: FactSource;
}

/** @public */
export interface StyleRule {
  name: string;
  /** As written: `error`, `["error", "always"]`, `true`. */
  value: string;
  /** What it asks of code, for rules worth telling an agent about. */
  meaning?: string;
  source: FactSource;
}

/** @public */
export type StyleToolName =
  | 'prettier'
  | 'eslint'
  | 'biome'
  | 'oxlint'
  | 'editorconfig'
  | 'typescript'
  | 'rubocop'
  | 'standardrb'
  | 'erb-lint'
  | 'gofmt'
  | 'golangci-lint'
  | 'ruff'
  | 'black'
  | 'isort'
  | 'flake8'
  | 'mypy'
  | 'pyright'
  | 'rustfmt'
  | 'clippy'
  | 'stylelint'
  | 'markdownlint';

/** @public */
export interface StyleToolFact {
  name: StyleToolName;
  kind: 'lint' | 'format' | 'typecheck' | 'editor';
  /** Package directory it applies to, '' for the root. */
  directory: string;
  config?: string;
  /** Shared configs and presets it builds on (`next/core-web-vitals`, `rubocop-rails-omakase`). */
  presets: string[];
  settings: StyleSetting[];
  rules: StyleRule[];
  source: FactSource;
}

/** @public */
export interface CiStepFact {
  job: string;
  /** One command line of a `run:` step. */
  run?: string;
  /** The action of a `uses:` step. */
  uses?: string;
  source: FactSource;
}

/** @public */
export interface CiWorkflowFact {
  file: string;
  name?: string;
  triggers: string[];
  onPullRequest: boolean;
  steps: CiStepFact[];
  source: FactSource;
}

/** @public */
export interface CountedName {
  name: string;
  count: number;
}

/** @public */
export interface HistoryFacts {
  available: boolean;
  shallow: boolean;
  /** Non-merge commit subjects read (at most 200). */
  commitsAnalysed: number;
  mergeCommits: number;
  conventionalCommits: number;
  /** conventionalCommits / commitsAnalysed, 0..1. */
  conventionalShare: number;
  types: CountedName[];
  scopes: CountedName[];
  /** Branch prefixes (`feat/`) seen in merge subjects and refs. */
  branchPrefixes: CountedName[];
  /** Squash-merge subjects ending in `(#123)`. */
  squashMergeShare: number;
  source: FactSource;
}

/** @public */
export interface PullRequestTemplateFact {
  file: string;
  headings: string[];
  checklist: string[];
  source: FactSource;
}

/** @public */
export interface CollaborationFacts {
  pullRequestTemplate?: PullRequestTemplateFact;
  codeowners?: { file: string; rules: number; source: FactSource };
  contributing?: { file: string; source: FactSource };
  changesets?: { directory: string; source: FactSource };
  commitHooks: { tool: string; runs: string[]; source: FactSource }[];
  commitlint?: { config: string; source: FactSource };
  releases: ReleaseToolFact[];
}

/** @public */
export interface SpecFolderFact {
  /** `specs/003-user-auth` */
  path: string;
  id: string;
  slug: string;
  openTasks: number;
  doneTasks: number;
  active: boolean;
  source: FactSource;
}

/** @public */
export interface GeneratedFileFact {
  path: string;
  marker: string;
  source: FactSource;
}

/** @public */
export interface ManagedBlockFact {
  name: string;
  beginLine: number;
  endLine?: number;
}

/** @public */
export interface AgentFileFact {
  path: string;
  lines: number;
  managedBlocks: ManagedBlockFact[];
  /** Target when the file is a symlink (CLAUDE.md → AGENTS.md). */
  symlinkTo?: string;
  source: FactSource;
}

/** @public */
export interface LayoutEntryFact {
  /** Folder relative to the root, with a trailing slash (`src/app/`). */
  path: string;
  files: number;
  purpose?: string;
  source: FactSource;
}

/** @public */
export interface TypeScriptFacts {
  /** `strictNullChecks` when set on its own (without `strict`). */
  strictNullChecks?: boolean;
  config: string;
  /** Undefined when it is set in a shared config outside the repository. */
  strict?: boolean;
  /** Shared configs from packages (`@tsconfig/strictest`). */
  extends: string[];
  /** Import aliases: `@/*` → `./src/*`. */
  paths: { alias: string; target: string }[];
  source: FactSource;
}

/**
 * How source files are named, where the names agree.
 *
 * @public
 */
export interface FileNamingFact {
  /** File extensions it covers: `.tsx`, `.ts`. */
  extensions: string[];
  style: 'kebab-case' | 'PascalCase' | 'camelCase' | 'snake_case';
  /** Share of multi-word names in this style, 0..1. */
  share: number;
  example: string;
  source: FactSource;
}

/** @public */
export interface ReleaseToolFact {
  name: 'goreleaser' | 'release-please' | 'semantic-release' | 'changesets';
  config: string;
  source: FactSource;
}

/**
 * A backing service the app and its tests need (a database, a search
 * engine, a cache), from a compose file or a CI job's service containers.
 *
 * @public
 */
export interface BackingServiceFact {
  /** `PostgreSQL`, `OpenSearch`, `Memcached`... */
  name: string;
  /** The image's version tag, when it names one (`2.13.0`). */
  version?: string;
  /** Where it is declared: a compose file or a CI service container. */
  declaredIn: 'compose' | 'ci';
  source: FactSource;
}

/**
 * A rule of the project that a file in the repository states: the MSRV,
 * the security reporting channel, the deploy tool, a build constraint.
 *
 * @public
 */
export interface PolicyFact {
  /** `MSRV`, `Security`, `Deploys`, `Build`, `Database`, `Guides`. */
  topic: string;
  /** One sentence, as the AGENTS.md block states it. */
  text: string;
  source: FactSource;
}

/**
 * How a unit of the code is built, as the files show it: where commands
 * live and their shared constructor, the error class the code throws.
 *
 * @public
 */
export interface IdiomFact {
  /** `CLI commands`, `Errors`, `Modules`. */
  topic: string;
  /** One sentence, as the AGENTS.md block states it. */
  text: string;
  source: FactSource;
}

/** @public */
export interface EnvironmentFileFact {
  /** `.env.example` */
  file: string;
  variables: number;
  source: FactSource;
}

/**
 * Everything the analyzer learned about one checkout.
 *
 * @public
 */
export interface RepoFacts {
  schemaVersion: 1;
  /** Name of the analysed folder (its basename). */
  name: string;
  /** The root manifest's name and one-line description, when it has them. */
  project?: { name: string; description?: string; source: FactSource };
  git: {
    isRepository: boolean;
    shallow: boolean;
    head?: string;
    defaultBranch?: string;
  };
  files: {
    total: number;
    /** Files whose content was read (configs, manifests, heads of sources). */
    read: number;
    skippedHuge: number;
    skippedBinary: number;
  };
  languages: LanguageFact[];
  packageManagers: PackageManagerFact[];
  runtimes: RuntimeFact[];
  workspacePackages: WorkspacePackageFact[];
  stack: StackFact[];
  commands: CommandFact[];
  testFrameworks: TestFrameworkFact[];
  styleTools: StyleToolFact[];
  typescript?: TypeScriptFacts;
  ci: CiWorkflowFact[];
  history: HistoryFacts;
  collaboration: CollaborationFacts;
  specs: SpecFolderFact[];
  generatedFiles: GeneratedFileFact[];
  agentFiles: AgentFileFact[];
  layout: LayoutEntryFact[];
  environmentFiles: EnvironmentFileFact[];
  /** Databases, search engines, caches and queues the app and its tests need. */
  services: BackingServiceFact[];
  /** Project policy stated by files in the repository. */
  policies: PolicyFact[];
  /** Code idioms the files show. */
  idioms: IdiomFact[];
  fileNaming: FileNamingFact[];
  diagnostics: AnalysisDiagnostic[];
}
