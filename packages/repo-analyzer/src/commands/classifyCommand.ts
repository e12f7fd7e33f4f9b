import { CommandKind } from '../types';

/** Script, target and recipe names that say what they do. */
const KIND_BY_NAME: Record<string, CommandKind> = {
  install: 'install',
  deps: 'install',
  setup: 'setup',
  bootstrap: 'setup',
  init: 'setup',
  dev: 'dev',
  develop: 'dev',
  'start:dev': 'dev',
  'dev:server': 'dev',
  serve: 'dev',
  server: 'dev',
  run: 'dev',
  watch: 'dev',
  build: 'build',
  compile: 'build',
  'build:all': 'build',
  test: 'test',
  tests: 'test',
  'test:unit': 'test',
  'test-unit': 'test',
  unit: 'test',
  'test:all': 'test',
  spec: 'test',
  specs: 'test',
  e2e: 'e2e',
  'test:e2e': 'e2e',
  'test-e2e': 'e2e',
  'e2e:test': 'e2e',
  'test:playwright': 'e2e',
  playwright: 'e2e',
  'test:browser': 'e2e',
  'test:system': 'e2e',
  'test-system': 'e2e',
  cypress: 'e2e',
  'cypress:run': 'e2e',
  lint: 'lint',
  'lint:all': 'lint',
  'lint:check': 'lint',
  vet: 'lint',
  'lint:fix': 'lint-fix',
  'lint-fix': 'lint-fix',
  fix: 'lint-fix',
  format: 'format',
  fmt: 'format',
  'format:write': 'format',
  'format:fix': 'format',
  prettier: 'format',
  'prettier:write': 'format',
  'prettier:fix': 'format',
  'format:check': 'format-check',
  'format-check': 'format-check',
  'check-format': 'format-check',
  'check:format': 'format-check',
  'fmt:check': 'format-check',
  'fmt-check': 'format-check',
  'check-fmt': 'format-check',
  'prettier:check': 'format-check',
  'lint:format': 'format-check',
  typecheck: 'typecheck',
  'type-check': 'typecheck',
  'types:check': 'typecheck',
  'check:types': 'typecheck',
  'check-types': 'typecheck',
  'lint:types': 'typecheck',
  types: 'typecheck',
  tsc: 'typecheck',
  'ts:check': 'typecheck',
  mypy: 'typecheck',
  migrate: 'migrate',
  'db:migrate': 'migrate',
  'migrate:up': 'migrate',
  'db:push': 'migrate',
  'migrate:dev': 'migrate',
  'prisma:migrate': 'migrate',
  'migrate-up': 'migrate',
  migration: 'migrate',
  migrations: 'migrate',
  generate: 'generate',
  gen: 'generate',
  codegen: 'generate',
  'db:generate': 'generate',
  'prisma:generate': 'generate',
  manifests: 'generate',
  security: 'security',
  'security:scan': 'security',
  brakeman: 'security',
  'bundler-audit': 'security',
  audit: 'security',
  vulncheck: 'security',
  govulncheck: 'security',
  services: 'services',
  'services:up': 'services',
  'docker:up': 'services',
  'compose:up': 'services',
  check: 'check',
  validate: 'check',
  verify: 'check',
  ci: 'check',
  precommit: 'check',
  'pre-commit': 'check',
};

/** What a command line does, most specific first. */
const KIND_BY_BODY: [CommandKind, RegExp][] = [
  [
    'security',
    /\bbrakeman\b|\bbundler?[- ]audit\b|\bgovulncheck\b|\bgosec\b|\bpip-audit\b|\bcargo audit\b/,
  ],
  ['services', /\bdocker[- ]compose\b[^|&;]*\bup\b/],
  [
    'migrate',
    /\bdb:migrate\b|\bprisma migrate\b|\bdrizzle-kit (migrate|push)\b|\bknex migrate|\bsequelize\b.*\bdb:migrate|\balembic upgrade\b|\bmanage\.py migrate\b|\bgoose\b.*\bup\b|\bsqlx migrate run\b|\bdiesel migration run\b|\btypeorm migration:run\b/,
  ],
  [
    'generate',
    /\bgo generate\b|\bprisma generate\b|\bgraphql-codegen\b|\bbuf generate\b|\bsqlc generate\b|\bcontroller-gen\b|\bopenapi-generator\b/,
  ],
  [
    'e2e',
    /\bplaywright test\b|\bcypress run\b|\brails test:system\b|\btest:system\b/,
  ],
  [
    'typecheck',
    /\btsc\b[^|&;]*--noEmit\b|\bvue-tsc\b|\bsvelte-check\b|\bmypy\b|\bpyright\b|\bsrb tc\b|\bsteep check\b/,
  ],
  [
    'format-check',
    /\bprettier\b[^|&;]*(--check|--list-different|\s-[lc]\b)|\bruff format\b[^|&;]*--check|\bblack\b[^|&;]*--check|\bcargo fmt\b[^|&;]*--check|\bgofmt -l\b|\bbiome format\b(?![^|&;]*--write)/,
  ],
  [
    'lint-fix',
    /\beslint\b[^|&;]*--fix\b|\brubocop\b[^|&;]*\s-[aA]\b|\bruff check\b[^|&;]*--fix\b|\bgolangci-lint run\b[^|&;]*--fix\b|\bbiome (lint|check)\b[^|&;]*--(write|apply)\b/,
  ],
  [
    'format',
    /\bprettier\b[^|&;]*--write\b|\bbiome format\b[^|&;]*--write\b|\bruff format\b|\bblack\b|\bcargo fmt\b|\bgofmt\b[^|&;]*-w\b|\bgoimports\b[^|&;]*-w\b|\bgofumpt\b|\bisort\b|\bstandardrb --fix\b/,
  ],
  [
    'lint',
    /\beslint\b|\bnext lint\b|\bbiome (lint|check|ci)\b|\boxlint\b|\brubocop\b|\bstandardrb\b|\berb_lint\b|\bgolangci-lint\b|\bgo vet\b|\bstaticcheck\b|\bruff check\b|(^|[\s;&|]|uv run |uvx |python -m )ruff(?! format)(\s|$)|\bflake8\b|\bpylint\b|\bcargo clippy\b|\bstylelint\b|\bbackstage-cli (package|repo) lint\b/,
  ],
  [
    'test',
    /\bjest\b|\bvitest\b|\bmocha\b|\bnode --test\b|\bbun test\b|\brspec\b|\brails test\b|\brake test\b|\bgo test\b|\bgotestsum\b|\bpytest\b|\btox\b|\bnox\b|\bcargo test\b|\bcargo nextest\b|\bmvnw? (-\S+ )*(verify|test)\b|\bgradlew? (-\S+ )*(test|check)\b|\bbackstage-cli (package|repo) test\b|\breact-scripts test\b|\bng test\b/,
  ],
  [
    'build',
    /\bnext build\b|\bvite build\b|\bnuxt build\b|\bastro build\b|\bgo build\b|\bcargo build\b|\bwebpack\b|\brollup\b|\besbuild\b|\btsup\b|\bgoreleaser build\b|\bbackstage-cli (package|repo) build\b|\bassets:precompile\b|\bpython -m build\b|\buv build\b|\bpoetry build\b|\bmvnw? (-\S+ )*package\b|\bgradlew? (-\S+ )*(build|assemble)\b/,
  ],
  [
    'dev',
    /\bnext dev\b|\bvite(?! build)( |$)|\bnuxt dev\b|\bastro dev\b|\bnodemon\b|\btsx watch\b|\bbin\/dev\b|\brails s(erver)?\b|\bforeman start\b|\bovermind start\b|\bair\b|\buvicorn\b[^|&;]*--reload|\bflask run\b|\bmanage\.py runserver\b|\bbackstage-cli (package|repo) start\b|\bcargo watch\b/,
  ],
  [
    'install',
    /^(npm (ci|install|i)|yarn( install)?|pnpm (i|install)|bun install|bundle( install)?|go mod download|uv sync|poetry install|pipenv install|pdm install)(\s+-{1,2}[\w-]+(=\S+)?)*$/,
  ],
];

/** Documentation builds and servers: never how to run, build or test the project itself. */
const DOCS_NAME = /(^|[:_-])docs?([:_-]|$)/;
const DOCS_BODY =
  /\b(mkdocs|sphinx-build|sphinx-autobuild|docusaurus|jekyll|mdbook|typedoc)\b/;

/**
 * A named command's kind once what it says about itself is read: a docs
 * server is not "run locally", a `deps` target that updates two libraries
 * is not "install dependencies". Unknown names are `other`.
 */
export function refineKind(
  kind: CommandKind | undefined,
  name: string,
  body: string,
  description?: string,
): CommandKind {
  if (!kind) return 'other';
  // `playwright:install` fetches browsers; `lint:install` fetches a linter: neither runs the check.
  if (
    kind !== 'install' &&
    kind !== 'setup' &&
    (/(^|[:_-])install([:_-]|$)/.test(name.toLowerCase()) ||
      /\bplaywright install\b/.test(body))
  )
    return 'other';
  if (
    (kind === 'dev' || kind === 'build' || kind === 'test') &&
    (DOCS_NAME.test(name.toLowerCase()) || DOCS_BODY.test(body))
  )
    return 'other';
  if (
    (kind === 'install' || kind === 'setup') &&
    /^(update|upgrade|bump)\b/i.test(description ?? '')
  )
    return 'other';
  // `make install` that installs the program itself is not "install dependencies".
  if (
    kind === 'install' &&
    (/\b(go install|cargo install|install -[mD]|python setup\.py install)/.test(
      body,
    ) ||
      /\b(application|binary|binaries|executable|the cli)\b/i.test(
        description ?? '',
      ))
  )
    return 'other';
  return kind;
}

/** The kind of a command given its name (script, target, recipe), if the name says. */
export function kindFromName(name: string): CommandKind | undefined {
  return KIND_BY_NAME[name.toLowerCase()];
}

/** The kind a name's first part says: `build:backend`, `test-integration`, `lint:css`. */
export function kindFromNamePrefix(name: string): CommandKind | undefined {
  const first = name.toLowerCase().split(/[:_-]/)[0];
  return first !== name.toLowerCase() ? KIND_BY_NAME[first] : undefined;
}

/** A line that installs a tool (`go install x@latest`, `cargo install`, `pip install ruff`): it checks nothing itself. */
const TOOL_INSTALL =
  /^\s*(sudo\s+)?(go install|cargo (binstall|install)|pipx? install|uv tool install|gem install|brew install|apt(-get)? install|npm (i|install) (-g|--global)|yarn global add|rustup component add|curl\b[^|]*\|\s*(ba)?sh)\b/;

/** The kind of a command line (or a script body), if it is one worth telling. */
export function kindFromBody(body: string): CommandKind | undefined {
  if (TOOL_INSTALL.test(body) && !body.trim().includes('\n')) return undefined;
  for (const [kind, pattern] of KIND_BY_BODY) {
    if (pattern.test(body)) return kind;
  }
  return undefined;
}

/**
 * The kind of a named command: the name decides when it is a known one, the
 * body otherwise (a `ci` script running `eslint` is a lint).
 */
export function classifyCommand(
  name: string,
  body: string,
): CommandKind | undefined {
  return kindFromName(name) ?? kindFromBody(body) ?? kindFromNamePrefix(name);
}
