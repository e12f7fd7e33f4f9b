import { asRecord, asString } from './checkout/asRecord';
import { Checkout, CheckoutOptions } from './checkout/Checkout';
import { readGithubWorkflows } from './ci/githubWorkflows';
import { binScriptCommands } from './commands/binScripts';
import { composeCommands } from './commands/composeServices';
import { railsCiSteps } from './commands/railsCiSteps';
import { contributingCommands } from './commands/contributingCommands';
import { ciCommands, markCommandsRunInCi } from './commands/ciCommands';
import { makefileCommands } from './commands/makefileTargets';
import {
  justfileCommands,
  rakefileCommands,
  taskfileCommands,
} from './commands/taskRunners';
import { readCollaboration } from './collaboration/readCollaboration';
import { EcosystemFacts } from './EcosystemFacts';
import { findAgentFiles } from './agentFiles/findAgentFiles';
import { findGeneratedFiles } from './generated/findGeneratedFiles';
import { goEcosystem } from './go/goEcosystem';
import { readHistory } from './history/readHistory';
import { jvmEcosystem } from './jvm/jvmEcosystem';
import { detectLanguages } from './languages/detectLanguages';
import { describeLayout } from './layout/describeLayout';
import { findBackingServices } from './layout/backingServices';
import { readPolicies } from './policy/readPolicies';
import { findIdioms } from './idioms/findIdioms';
import { findEnvironmentFiles } from './layout/environmentFiles';
import { detectFileNaming } from './layout/fileNaming';
import { readmeSummary } from './layout/readmeSummary';
import { nodeCommands } from './node/nodeCommands';
import { findNodeProjects, NodeProject } from './node/nodeProjects';
import { nodeStack } from './node/nodeStack';
import { dependencyKey, nodeTesting } from './node/nodeTesting';
import { detectTypeScript } from './node/typescriptConfig';
import { pythonEcosystem } from './python/pythonEcosystem';
import { rubyEcosystem } from './ruby/rubyEcosystem';
import { detectRuntimes } from './runtimes/detectRuntimes';
import { rustEcosystem } from './rust/rustEcosystem';
import { findSpecs } from './specs/findSpecs';
import { detectBiome } from './style/biome';
import { detectEditorconfig } from './style/editorconfig';
import { detectEslint } from './style/eslint';
import { detectGoStyle } from './style/golangci';
import { detectPrettier } from './style/prettier';
import { detectPythonStyle } from './style/pythonStyle';
import { detectRubocop } from './style/rubocop';
import { detectRustStyle } from './style/rustStyle';
import { toolCommands } from './style/toolCommands';
import {
  CommandFact,
  FactSource,
  RepoFacts,
  WorkspacePackageFact,
} from './types';

/**
 * Options for {@link analyzeRepository}.
 *
 * @public
 */
export interface AnalyzeRepositoryOptions {
  /** Files larger than this many bytes are counted by size but not read. Default 1 MiB. */
  maxReadBytes?: number;
}

function nodePackages(
  projects: NodeProject[],
  checkout: Checkout,
): WorkspacePackageFact[] {
  return projects.flatMap(project =>
    project.workspaces.map(pkg => ({
      name: pkg.name ?? pkg.dir,
      path: pkg.dir,
      ecosystem: 'node' as const,
      description: pkg.description,
      source: pkg.description
        ? checkout.sourceOf(pkg.file, /"description"\s*:/)
        : { file: pkg.file },
    })),
  );
}

function manifestIdentity(
  checkout: Checkout,
  projects: NodeProject[],
): RepoFacts['project'] {
  const root = projects.find(p => p.root.dir === '')?.root;
  if (root?.name && root.name !== 'root') {
    const pattern = root.description ? /"description"\s*:/ : /"name"\s*:/;
    return {
      name: root.name,
      description: root.description,
      source: checkout.sourceOf('package.json', pattern),
    };
  }
  const pyproject = checkout.has('pyproject.toml')
    ? checkout.readToml('pyproject.toml')
    : undefined;
  const python =
    asRecord(pyproject?.project) ?? asRecord(asRecord(pyproject?.tool)?.poetry);
  if (python && asString(python.name)) {
    return {
      name: python.name as string,
      description: asString(python.description),
      source: checkout.sourceOf('pyproject.toml', /^description\s*=/),
    };
  }
  const cargo = asRecord(
    (checkout.has('Cargo.toml') ? checkout.readToml('Cargo.toml') : undefined)
      ?.package,
  );
  if (cargo && asString(cargo.name)) {
    return {
      name: cargo.name as string,
      description: asString(cargo.description),
      source: checkout.sourceOf('Cargo.toml', /^description\s*=/),
    };
  }
  const goModule = /^module\s+(\S+)/m.exec(
    checkout.readText('go.mod') ?? '',
  )?.[1];
  if (goModule) return { name: goModule, source: { file: 'go.mod', line: 1 } };
  const gemspec = checkout.filesIn('').find(f => f.path.endsWith('.gemspec'));
  if (gemspec) {
    const text = checkout.readText(gemspec.path) ?? '';
    const name = /\.name\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
    const summary = /\.summary\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
    if (name)
      return {
        name,
        description: summary,
        source: checkout.sourceOf(gemspec.path, summary ? '.summary' : '.name'),
      };
  }
  return root?.description
    ? {
        name: checkout.name,
        description: root.description,
        source: checkout.sourceOf('package.json', /"description"\s*:/),
      }
    : undefined;
}

/** The project's name and one line about it: the manifest's description, else the README's first sentence. */
function rootProject(
  checkout: Checkout,
  projects: NodeProject[],
): RepoFacts['project'] {
  const identity = manifestIdentity(checkout, projects);
  if (identity?.description) return identity;
  const readme = readmeSummary(checkout, '');
  if (!readme) return identity;
  return {
    name: identity?.name ?? readme.title ?? checkout.name,
    description: readme.text,
    source: readme.source,
  };
}

/** Folders with a manifest of their own (a Go operator, a web app), where a Makefile may live too. */
function subprojectDirs(ecosystems: EcosystemFacts[]): string[] {
  const dirs = ecosystems
    .flatMap(e => e.packageManagers.map(p => p.directory))
    .filter(Boolean);
  return [...new Set(dirs)].sort();
}

function dedupeCommands(commands: CommandFact[]): CommandFact[] {
  const seen = new Set<string>();
  return commands.filter(c => {
    const key = `${c.kind}\0${c.command}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads a checkout (its files and git history) into facts, each with its
 * source. Problems (malformed manifests, unreadable files, missing history)
 * become diagnostics; only a root that does not exist throws.
 *
 * @public
 */
export async function analyzeRepository(
  root: string,
  options: AnalyzeRepositoryOptions = {},
): Promise<RepoFacts> {
  const checkout = await Checkout.open(root, {
    maxReadBytes: options.maxReadBytes,
  } as CheckoutOptions);
  const allFiles = new Set(checkout.files.map(f => f.path));
  const historyDiagnostics: RepoFacts['diagnostics'] = [];
  const historyPromise = readHistory(checkout, historyDiagnostics);

  const projects = findNodeProjects(checkout);
  const projectDirs = projects.map(p => p.root.dir);
  const styleDirs = projectDirs.length > 0 ? projectDirs : [''];
  const dependencySource = (name: string): FactSource | undefined => {
    for (const project of projects) {
      for (const pkg of [project.root, ...project.workspaces]) {
        if (name in pkg.dependencies)
          return checkout.sourceOf(pkg.file, dependencyKey(name));
      }
    }
    return undefined;
  };
  const testing = nodeTesting(checkout, projects, allFiles);
  const ecosystems: EcosystemFacts[] = [
    {
      packageManagers: projects.map(p => p.packageManager),
      commands: nodeCommands(checkout, projects),
      testFrameworks: testing.frameworks,
      stack: nodeStack(checkout, projects),
      packages: nodePackages(projects, checkout),
    },
    rubyEcosystem(checkout, allFiles),
    goEcosystem(checkout, allFiles),
    pythonEcosystem(checkout, allFiles),
    rustEcosystem(checkout, allFiles),
    jvmEcosystem(checkout, allFiles),
  ];
  // Apps in workspaces (a Next.js app in apps/web) carry the settings the code follows.
  const appDirs = projects
    .flatMap(p => p.workspaces)
    .map(w => w.dir)
    // A docs site is not the app whose code the settings describe.
    .filter(dir => !/(^|\/)docs?(\/|$)/.test(dir))
    .filter(dir =>
      ['next.config.js', 'next.config.mjs', 'next.config.ts'].some(f =>
        checkout.has(`${dir}/${f}`),
      ),
    )
    .sort();
  const typescript = detectTypeScript(checkout, [...styleDirs, ...appDirs]);
  const styleTools = [
    ...detectEditorconfig(checkout),
    ...(projects.length > 0
      ? [
          ...detectPrettier(checkout, styleDirs, dependencySource),
          ...detectEslint(checkout, styleDirs, dependencySource),
          ...detectBiome(checkout, styleDirs),
        ]
      : []),
    ...detectRubocop(checkout),
    ...detectGoStyle(checkout),
    ...detectPythonStyle(checkout),
    ...detectRustStyle(checkout),
  ];
  const ci = readGithubWorkflows(checkout);
  const commands = dedupeCommands([
    ...binScriptCommands(checkout),
    ...composeCommands(checkout),
    ...makefileCommands(checkout),
    ...subprojectDirs(ecosystems).flatMap(dir =>
      makefileCommands(checkout, dir),
    ),
    ...justfileCommands(checkout),
    ...taskfileCommands(checkout),
    ...rakefileCommands(checkout),
    ...ecosystems.flatMap(e => e.commands),
    ...testing.commands,
    ...toolCommands(styleTools, typescript, projects),
    ...ciCommands(ci),
    ...railsCiSteps(checkout),
  ]);
  const collaboration = readCollaboration(checkout);
  // The contributing guide's commands come after every command with stronger evidence.
  commands.push(
    ...contributingCommands(checkout, collaboration.contributing?.file).filter(
      c => !commands.some(known => known.command === c.command),
    ),
  );
  markCommandsRunInCi(commands, ci);

  const packages = ecosystems
    .flatMap(e => e.packages)
    .sort((a, b) => a.path.localeCompare(b.path));
  const testFrameworks = ecosystems.flatMap(e => e.testFrameworks);
  const stack = ecosystems.flatMap(e => e.stack);
  const { history, head, defaultBranch } = await historyPromise;
  const isRails = stack.some(s => s.name === 'Rails');
  const layout = describeLayout(checkout, {
    isGo: checkout.has('go.mod'),
    isRails,
    isNext: stack.some(s => s.name === 'Next.js'),
    isRust: checkout.has('Cargo.toml'),
    isPython: ecosystems[3].packageManagers.length > 0,
    packages,
    testFrameworks,
  });
  const generatedFiles = findGeneratedFiles(checkout);
  const policies = readPolicies(checkout);
  const idioms = findIdioms(checkout);
  const services = findBackingServices(checkout);
  const diagnostics = [...checkout.diagnostics, ...historyDiagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.message.localeCompare(b.message),
  );
  return {
    schemaVersion: 1,
    name: checkout.name,
    project: rootProject(checkout, projects),
    git: {
      isRepository: checkout.isGitRepository,
      shallow: history.shallow,
      head,
      defaultBranch,
    },
    files: { total: checkout.files.length, ...checkout.stats },
    languages: detectLanguages(checkout),
    packageManagers: ecosystems.flatMap(e => e.packageManagers),
    runtimes: detectRuntimes(checkout),
    workspacePackages: packages,
    stack,
    commands,
    testFrameworks,
    styleTools,
    typescript,
    ci,
    history,
    collaboration,
    specs: findSpecs(checkout),
    generatedFiles,
    agentFiles: findAgentFiles(checkout),
    layout,
    environmentFiles: findEnvironmentFiles(checkout),
    policies,
    idioms,
    services,
    fileNaming: projects.length > 0 ? detectFileNaming(checkout) : [],
    diagnostics,
  };
}
