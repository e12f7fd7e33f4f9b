import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { summarizeTestFiles } from '../testing/summarizeTestFiles';
import {
  CommandFact,
  FactSource,
  TestFrameworkFact,
  TestFrameworkName,
} from '../types';
import { NodePackage, NodeProject } from './nodeProjects';
import {
  execBinaryCommand,
  runScriptCommand,
  withScriptArguments,
} from './runScript';

const JS_TEST_FILE =
  /(^|\/)__tests__\/.*\.[cm]?[jt]sx?$|\.(test|spec|cy)\.[cm]?[jt]sx?$/;
const CONFIG_FILE = (name: string) =>
  new RegExp(`(^|/)${name}\\.config\\.(ts|mts|cts|js|mjs|cjs)$`);

const HELPERS: [string, string][] = [
  ['@testing-library/react', 'Testing Library'],
  ['@testing-library/vue', 'Testing Library'],
  ['@testing-library/svelte', 'Testing Library'],
  ['@testing-library/dom', 'Testing Library'],
  ['msw', 'MSW'],
  ['supertest', 'supertest'],
  ['nock', 'nock'],
  ['jsdom', 'jsdom'],
  ['happy-dom', 'happy-dom'],
  ['@storybook/test', 'Storybook'],
];

/** Runner invocations a single file (and test name) can be appended to. */
const DIRECT_RUNNER =
  /^(cross-env\s+(\S+=\S+\s+)*)?(\S+=\S+\s+)*(jest|vitest|backstage-cli (package|repo) test|react-scripts test|craco test)\b[^&|;]*$/;

interface Found {
  name: TestFrameworkName;
  source: FactSource;
  config?: string;
  e2e: boolean;
}

/** The line declaring a dependency: `"name": "^1.0.0"`. */
export function dependencyKey(dependency: string): RegExp {
  return new RegExp(
    `^\\s*"${dependency.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"\\s*:`,
  );
}

function dependencySource(
  checkout: Checkout,
  packages: NodePackage[],
  dependency: string,
): FactSource | undefined {
  const pkg = packages.find(p => dependency in p.dependencies);
  return pkg
    ? checkout.sourceOf(pkg.file, dependencyKey(dependency))
    : undefined;
}

function findFramework(
  checkout: Checkout,
  packages: NodePackage[],
  projectFiles: string[],
  name: TestFrameworkName,
  dependencies: string[],
  configName: string | undefined,
  e2e: boolean,
): Found | undefined {
  const config = configName
    ? projectFiles.find(f => CONFIG_FILE(configName).test(f))
    : undefined;
  for (const dependency of dependencies) {
    const source = dependencySource(checkout, packages, dependency);
    if (source) return { name, source, config, e2e };
  }
  if (config) return { name, source: { file: config }, config, e2e };
  return undefined;
}

/** Folders a Playwright config points its tests at (`testDir: './e2e'`). */
function playwrightDirs(checkout: Checkout, configs: string[]): string[] {
  const dirs: string[] = [];
  for (const config of configs) {
    const text = checkout.readText(config) ?? '';
    const base = posix.dirname(config) === '.' ? '' : posix.dirname(config);
    for (const match of text.matchAll(/testDir\s*:\s*['"`]([^'"`]+)['"`]/g)) {
      const dir = posix.normalize(posix.join(base, match[1]));
      dirs.push(dir === '.' ? '' : dir);
    }
  }
  return dirs;
}

/** Folders that hold workspace packages rather than tests. */
const PACKAGE_CONTAINERS =
  /^(packages|plugins|apps|libs|modules|services|workspaces|crates)\/$/;

function exampleTestPath(
  locations: string[],
  patterns: string[],
  fallbackSuffix: string,
): string {
  const pattern = patterns[0] ?? `*${fallbackSuffix}`;
  const location =
    locations[0] &&
    locations[0] !== './' &&
    !PACKAGE_CONTAINERS.test(locations[0])
      ? locations[0]
      : '';
  if (pattern.startsWith('__tests__/'))
    return `${location}path/to/__tests__/file${pattern.slice(
      '__tests__/*'.length,
    )}`;
  return `${location}path/to/file${pattern.replace(/^\*/, '')}`;
}

function isDelegating(body: string): boolean {
  return /\b(turbo|nx|lerna|ultra|wireit)\b|workspaces foreach|\bpnpm\b.*(-r\b|--recursive|--filter)|\bnpm\b.*--workspaces?\b|&&|\|\|/.test(
    body,
  );
}

/**
 * Test frameworks of the Node projects, where their tests live, and how to
 * run one test file (and one test by name) with the project's own runner.
 */
export function nodeTesting(
  checkout: Checkout,
  projects: NodeProject[],
  allFiles: ReadonlySet<string>,
): { frameworks: TestFrameworkFact[]; commands: CommandFact[] } {
  const frameworks: TestFrameworkFact[] = [];
  const commands: CommandFact[] = [];
  const otherProjectDirs = projects.map(p => p.root.dir).filter(Boolean);
  for (const project of projects) {
    const dir = project.root.dir;
    const prefix = dir ? `${dir}/` : '';
    const manager = project.packageManager.name;
    const cd = dir ? `cd ${dir} && ` : '';
    const packages = [project.root, ...project.workspaces];
    const projectFiles = checkout.files
      .map(f => f.path)
      .filter(
        p =>
          p.startsWith(prefix) &&
          !otherProjectDirs.some(
            o => o !== dir && p.startsWith(`${o}/`) && o.startsWith(prefix),
          ),
      );
    const testFiles = projectFiles.filter(p => JS_TEST_FILE.test(p));

    const playwright = findFramework(
      checkout,
      packages,
      projectFiles,
      'playwright',
      ['@playwright/test', 'playwright'],
      'playwright',
      true,
    );
    const cypress = findFramework(
      checkout,
      packages,
      projectFiles,
      'cypress',
      ['cypress'],
      'cypress',
      true,
    );
    const usesBackstageJest = packages.some(p =>
      Object.values(p.scripts).some(s =>
        /backstage-cli (package|repo) test/.test(s),
      ),
    );
    const jestDependencies = [
      'jest',
      'ts-jest',
      'react-scripts',
      ...(usesBackstageJest ? ['@backstage/cli'] : []),
    ];
    const unitCandidates: (Found | undefined)[] = [
      findFramework(
        checkout,
        packages,
        projectFiles,
        'vitest',
        ['vitest'],
        'vitest',
        false,
      ),
      findFramework(
        checkout,
        packages,
        projectFiles,
        'jest',
        jestDependencies,
        'jest',
        false,
      ),
      findFramework(
        checkout,
        packages,
        projectFiles,
        'mocha',
        ['mocha'],
        undefined,
        false,
      ),
    ];
    if (!unitCandidates.some(Boolean)) {
      const nodeTest = packages.find(p =>
        Object.values(p.scripts).some(s => /\bnode\b[^&|;]*--test\b/.test(s)),
      );
      if (nodeTest)
        unitCandidates.push({
          name: 'node',
          source: checkout.sourceOf(nodeTest.file, '--test'),
          e2e: false,
        });
      else if (manager === 'bun' && testFiles.length > 0)
        unitCandidates.push({
          name: 'bun',
          source: {
            file: project.packageManager.lockfile ?? project.root.file,
          },
          e2e: false,
        });
    }
    const testScript = project.root.scripts.test ?? '';
    // A project moving between runners: the test script says which one is in use.
    const unit =
      unitCandidates.find(
        c => c && new RegExp(`\\b${c.name}\\b`).test(testScript),
      ) ?? unitCandidates.find(Boolean);

    const e2eDirs = playwright
      ? playwrightDirs(
          checkout,
          projectFiles.filter(f => CONFIG_FILE('playwright').test(f)),
        )
      : [];
    const isPlaywrightFile = (p: string) =>
      e2eDirs.length > 0
        ? e2eDirs.some(d =>
            d === ''
              ? /\.(spec|test)\.[cm]?[jt]sx?$/.test(p) && !p.includes('/src/')
              : p.startsWith(`${d}/`),
          )
        : /(^|\/)(e2e|playwright|tests-e2e)\//.test(p);
    const isCypressFile = (p: string) =>
      /\.cy\.[cm]?[jt]sx?$/.test(p) || /(^|\/)cypress\//.test(p);
    const playwrightFiles = playwright
      ? projectFiles.filter(
          p => isPlaywrightFile(p) && /\.(spec|test)\.[cm]?[jt]sx?$/.test(p),
        )
      : [];
    const cypressFiles = cypress
      ? projectFiles.filter(
          p =>
            isCypressFile(p) &&
            /\.[cm]?[jt]sx?$/.test(p) &&
            /\.cy\.|e2e\//.test(p),
        )
      : [];
    const e2eSet = new Set([...playwrightFiles, ...cypressFiles]);
    const unitFiles = testFiles.filter(
      p => !e2eSet.has(p) && !/(^|\/)(e2e|cypress)\//.test(p),
    );

    const deps = Object.assign(
      {},
      ...packages.map(p => p.dependencies),
    ) as Record<string, string>;
    const helpers = [
      ...new Set(
        HELPERS.filter(([dep]) => dep in deps).map(([, label]) => label),
      ),
    ].sort();

    if (unit) {
      const summary = summarizeTestFiles(unitFiles, allFiles, dir);
      frameworks.push({
        name: unit.name,
        ecosystem: 'node',
        directory: dir,
        e2e: false,
        ...summary,
        helpers,
        config: unit.config,
        source: unit.source,
      });
      const path = exampleTestPath(
        summary.locations.map(l => l.slice(prefix.length)),
        summary.patterns,
        '.test.ts',
      );
      const named = unit.name === 'mocha' ? '-g "name"' : '-t "name"';
      const delegates =
        isDelegating(testScript) && project.workspaces.length > 0;
      const packageScript = project.workspaces
        .map(w => w.scripts.test)
        .find(t => t && DIRECT_RUNNER.test(t));
      const inSrc =
        unitFiles.filter(f => f.includes('/src/')).length * 2 >
        unitFiles.length;
      const packagePath = `${inSrc ? 'src/' : ''}path/to/file${(
        summary.patterns[0] ?? '*.test.ts'
      ).replace(/^(__tests__\/)?\*/, '')}`;
      let single: string | undefined;
      if (delegates && unit.name === 'vitest') {
        single = `cd <package-dir> && ${execBinaryCommand(
          manager,
          'vitest',
        )} run ${packagePath} -t "name"`;
      } else if (delegates && packageScript) {
        single = `cd <package-dir> && ${withScriptArguments(
          manager,
          runScriptCommand(manager, 'test'),
          `${packagePath} ${named}`,
        )}`;
      } else if (unit.name === 'vitest') {
        single = `${execBinaryCommand(
          manager,
          'vitest',
        )} run ${path} -t "name"`;
      } else if (DIRECT_RUNNER.test(testScript)) {
        single = withScriptArguments(
          manager,
          runScriptCommand(manager, 'test'),
          `${path} ${named}`,
        );
      } else if (unit.name === 'jest') {
        single = `${execBinaryCommand(manager, 'jest')} ${path} -t "name"`;
      } else if (unit.name === 'bun') {
        single = `bun test ${path} -t "name"`;
      } else if (unit.name === 'node') {
        single = `node --test ${path}`;
      } else if (unit.name === 'mocha') {
        single = `${execBinaryCommand(manager, 'mocha')} ${path} -g "name"`;
      }
      if (single) {
        commands.push({
          kind: 'test-single',
          command: `${cd}${single}`,
          origin: 'derived',
          directory: dir,
          source: {
            ...unit.source,
            note: `derived from the ${unit.name} runner${
              testScript ? ` and the test script (${testScript})` : ''
            }`,
          },
        });
      }
    }
    for (const [found, files] of [
      [playwright, playwrightFiles],
      [cypress, cypressFiles],
    ] as const) {
      if (!found) continue;
      const summary = summarizeTestFiles(files, allFiles, dir);
      frameworks.push({
        name: found.name,
        ecosystem: 'node',
        directory: dir,
        e2e: true,
        ...summary,
        helpers: [],
        config: found.config,
        source: found.source,
      });
      const path = exampleTestPath(
        summary.locations.map(l => l.slice(prefix.length)),
        summary.patterns,
        found.name === 'cypress' ? '.cy.ts' : '.spec.ts',
      );
      const single =
        found.name === 'playwright'
          ? `${execBinaryCommand(manager, 'playwright')} test ${path} -g "name"`
          : `${execBinaryCommand(manager, 'cypress')} run --spec ${path}`;
      commands.push({
        kind: 'e2e-single',
        command: `${cd}${single}`,
        origin: 'derived',
        directory: dir,
        source: {
          ...found.source,
          note: `derived from the ${found.name} runner`,
        },
      });
    }
  }
  return { frameworks, commands };
}
