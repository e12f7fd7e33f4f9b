import { RepoFacts } from '../types';
import {
  AgentContext,
  AgentConventionLine,
  AgentLayoutRow,
} from './AgentContext';
import { describeStyle } from './describeStyle';
import {
  describeBranchesAndReviews,
  describeCommits,
  describeFileNaming,
  describeReleases,
  describeGenerated,
  describePointers,
  describeStack,
  describeTests,
} from './describeWork';
import { primaryEcosystem } from './primaryEcosystem';
import {
  describeCi,
  selectCommands,
  selectMoreCommands,
} from './selectCommands';

const MAX_PACKAGES = 25;
const MAX_LAYOUT = 14;

const RUNTIME_NAMES: Record<string, string> = {
  node: 'Node',
  bun: 'Bun',
  ruby: 'Ruby',
  go: 'Go',
  python: 'Python',
  rust: 'Rust',
  java: 'Java',
};

function describeToolchain(facts: RepoFacts): string | undefined {
  const parts: string[] = [];
  const node = facts.packageManagers.find(
    p => p.ecosystem === 'node' && p.directory === '',
  );
  if (node && !node.source.note) {
    const version =
      node.version && /^\d/.test(node.version) ? ` ${node.version}` : '';
    const evidence = node.lockfile
      ? ` (\`${node.lockfile}\`)`
      : ` (\`packageManager\` in \`package.json\`)`;
    const others = ['npm', 'yarn', 'pnpm'].filter(n => n !== node.name);
    parts.push(
      `use ${node.name}${version}${evidence}, not ${others.join(' or ')}`,
    );
  }
  const python = facts.packageManagers.find(p => p.ecosystem === 'python');
  if (python && python.name !== 'pip')
    parts.push(
      `use ${python.name}${
        python.lockfile ? ` (\`${python.lockfile}\`)` : ''
      } for Python dependencies and commands`,
    );
  for (const runtime of facts.runtimes) {
    if (
      runtime.name === 'go' ||
      runtime.name === 'ruby' ||
      runtime.name === 'python' ||
      runtime.name === 'rust'
    ) {
      if (
        facts.languages.some(
          l =>
            l.kind === 'programming' &&
            l.share >= 0.15 &&
            l.name.toLowerCase().startsWith(runtime.name),
        )
      )
        continue;
    }
    parts.push(
      `${RUNTIME_NAMES[runtime.name]} ${runtime.version}${
        runtime.source.file ? ` (\`${runtime.source.file}\`)` : ''
      }`,
    );
  }
  if (parts.length === 0) return undefined;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The backing services as one sentence, with where they are declared and how to start them. */
function describeServices(
  facts: RepoFacts,
  start: string | undefined,
): string | undefined {
  if (facts.services.length === 0) return undefined;
  const names = facts.services.map(
    s => `${s.name}${s.version ? ` ${s.version}` : ''}`,
  );
  const files = [...new Set(facts.services.map(s => s.source.file))]
    .slice(0, 3)
    .map(f => `\`${f}\``);
  const list =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  // Service containers of CI say what the tests run against, not what every setup needs.
  const onlyCi = facts.services.every(s => s.declaredIn === 'ci');
  return onlyCi
    ? `CI runs the tests against ${list} (service containers in ${files.join(
        ', ',
      )}).`
    : `The app and its tests use ${list} (${files.join(', ')})${
        start ? `; start them with \`${start}\`` : ''
      }.`;
}

/** How workspace packages are named, when most share a few prefixes (`ruff_*` and `ty_*` crates). */
function describePackageNaming(
  facts: RepoFacts,
): AgentConventionLine | undefined {
  const packages = facts.workspacePackages;
  if (packages.length < 6) return undefined;
  const groups = new Map<string, number>();
  for (const pkg of packages) {
    const prefix = /^(@[\w-]+\/)?([a-z0-9]+)([_-])/i.exec(pkg.name);
    if (prefix) {
      const key = `${prefix[1] ?? ''}${prefix[2]}${prefix[3]}*`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
  }
  const shared = [...groups.entries()]
    .filter(([, count]) => count >= 3)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3);
  const covered = shared.reduce((sum, [, count]) => sum + count, 0);
  if (shared.length === 0 || covered < packages.length * 0.6) return undefined;
  const rust =
    packages.filter(p => p.ecosystem === 'rust').length >=
    packages.length * 0.8;
  return {
    topic: rust ? 'Crate names' : 'Package names',
    text: `${shared
      .map(([prefix, count]) => `\`${prefix}\` (${count})`)
      .join(', ')}; name a new ${rust ? 'crate' : 'package'} the same way.`,
  };
}

function describeLayoutRows(facts: RepoFacts): AgentLayoutRow[] {
  const packageDirs = new Set(facts.workspacePackages.map(p => `${p.path}/`));
  const rows = facts.layout
    .filter(entry => !packageDirs.has(entry.path))
    .filter(entry => !entry.path.startsWith('.') || entry.purpose)
    .map(entry => ({ path: entry.path, purpose: entry.purpose }));
  // Second-level folders only when they say something.
  const filtered = rows.filter(r => r.path.split('/').length <= 2 || r.purpose);
  const withPurpose = filtered.filter(r => r.purpose);
  return filtered.length <= MAX_LAYOUT
    ? filtered
    : withPurpose.slice(0, MAX_LAYOUT);
}

/** `name: description`, or the description alone when it already names the project. */
function describeProject(project: RepoFacts['project']): string | undefined {
  if (project && !project.description && project.source.file === 'go.mod')
    return `Go module \`${project.name}\`.`;
  if (!project?.description) return undefined;
  const short = project.name.split('/').pop()!.toLowerCase();
  return project.description.toLowerCase().includes(short)
    ? project.description
    : `${project.name}: ${project.description}`;
}

/**
 * Chooses what the AGENTS.md block states, from the facts alone: commands
 * first, then conventions the repository evidences, layout, active specs.
 * Nothing here is invented; a fact that is absent leaves its line out.
 *
 * @public
 */
export function buildAgentContext(facts: RepoFacts): AgentContext {
  const primary = primaryEcosystem(facts);
  const commands = selectCommands(facts, primary);
  const find = (task: string) => commands.find(c => c.task === task)?.command;
  const conventions = [
    describeStack(facts),
    ...describeStyle(facts, find('Format'), find('Lint')),
    describeTests(facts),
    describeFileNaming(facts),
    describePackageNaming(facts),
    describeGenerated(
      facts,
      find('Generate code'),
      find('Database migrations'),
    ),
    describeCommits(facts),
    describeReleases(facts),
    ...describeBranchesAndReviews(facts),
    ...describePointers(facts),
  ].filter((line): line is NonNullable<typeof line> => Boolean(line));
  const packages = facts.workspacePackages.map(p => ({
    path: `${p.path}/`,
    purpose: p.description
      ? `\`${p.name}\`: ${p.description}`
      : `\`${p.name}\``,
  }));
  const project = facts.project;
  return {
    summary: describeProject(project),
    toolchain: describeToolchain(facts),
    services: describeServices(facts, find('Start services')),
    commands,
    moreCommands: selectMoreCommands(facts, commands),
    ci: describeCi(facts),
    conventions,
    layout: describeLayoutRows(facts),
    packages: packages.slice(0, MAX_PACKAGES),
    morePackages: Math.max(0, packages.length - MAX_PACKAGES),
    // Which specs are active matters; how many tasks are ticked changes daily and is in tasks.md.
    specs: facts.specs.filter(s => s.active).map(s => ({ path: `${s.path}/` })),
  };
}
