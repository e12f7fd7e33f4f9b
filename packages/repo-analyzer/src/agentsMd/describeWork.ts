import { MIN_SUBJECTS } from '../history/readHistory';
import { RepoFacts, TestFrameworkFact } from '../types';
import { AgentConventionLine } from './AgentContext';

/** Conventional commits must be at least this share of recent subjects to be stated as the rule. */
export const CONVENTIONAL_THRESHOLD = 0.6;

const FRAMEWORK_NAMES: Record<string, string> = {
  jest: 'Jest',
  vitest: 'Vitest',
  playwright: 'Playwright',
  cypress: 'Cypress',
  mocha: 'Mocha',
  bun: 'bun test',
  node: 'node:test',
  rspec: 'RSpec',
  minitest: 'Minitest',
  go: '`go test`',
  pytest: 'pytest',
  unittest: 'unittest',
  cargo: '`cargo test`',
  junit: 'JUnit',
};

const STACK_ROLES =
  /^(framework|server|ui|ui components|styling|database|validation|forms|api|state|data fetching|auth|authorization|jobs|cli|tui|http|config|logging|routing|i18n|types|monorepo|kubernetes|async runtime|errors|serialization|javascript|backend service|migrations|data|ml|numerics)/;

/** Frameworks and key libraries, with major versions, main ones first. */
export function describeStack(
  facts: RepoFacts,
): AgentConventionLine | undefined {
  const order = [
    'framework',
    'server',
    'http',
    'cli',
    'ui',
    'routing',
    'ui components',
    'styling',
    'database',
    'migrations',
    'api',
    'data fetching',
    'state',
    'validation',
    'forms',
    'auth',
    'authorization',
    'jobs',
    'javascript',
    'types',
    'config',
    'logging',
    'kubernetes',
    'monorepo',
  ];
  const rank = (role: string) => {
    const index = order.findIndex(r => role.startsWith(r));
    return index === -1 ? order.length : index;
  };
  const items = facts.stack
    .filter(s => STACK_ROLES.test(s.role))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name))
    .slice(0, 14)
    .map(s => {
      const detail = /\(/.test(s.role)
        ? ` ${s.role.slice(s.role.indexOf('('))}`
        : '';
      return `${s.name}${s.version ? ` ${s.version}` : ''}${detail}`;
    });
  const languages = facts.languages
    .filter(
      l =>
        l.kind === 'programming' &&
        l.share >= 0.15 &&
        l.files >= 3 &&
        !/Shell|Makefile|Dockerfile|HCL|SQL/.test(l.name),
    )
    .map(l => l.name);
  const runtimes = facts.runtimes;
  const all = [
    ...languages.map(l => {
      const runtime = runtimes.find(
        r =>
          (r.name === 'go' && l === 'Go') ||
          (r.name === 'ruby' && l === 'Ruby') ||
          (r.name === 'python' && l === 'Python') ||
          (r.name === 'rust' && l === 'Rust'),
      );
      return runtime ? `${l} ${runtime.version}` : l;
    }),
    ...items,
  ];
  if (all.length === 0) return undefined;
  return { topic: 'Stack', text: `${[...new Set(all)].join(', ')}.` };
}

function describeFramework(framework: TestFrameworkFact): string {
  const name = FRAMEWORK_NAMES[framework.name] ?? framework.name;
  const helpers = framework.helpers.length
    ? `, using ${framework.helpers.join(', ')}`
    : '';
  const pattern = framework.patterns
    .slice(0, 2)
    .map(p => `\`${p}\``)
    .join(' / ');
  let where: string;
  if (framework.files === 0) where = '';
  else if (framework.colocatedShare >= 0.6 || framework.name === 'go')
    where = ` beside the code they test as ${pattern}`;
  else
    where = ` in ${
      framework.locations
        .filter(l => l !== './')
        .slice(0, 2)
        .map(l => `\`${l}\``)
        .join(' and ') || 'the root'
    } as ${pattern}`;
  const practices = framework.practices.length
    ? `; ${framework.practices.join('; ')}`
    : '';
  return `${
    framework.e2e ? `${name} end-to-end tests` : name
  }${where}${helpers}${practices}`;
}

/** Test frameworks, where tests go and how they are named. */
export function describeTests(
  facts: RepoFacts,
): AgentConventionLine | undefined {
  const frameworks = facts.testFrameworks.filter(f => f.files > 0 || !f.e2e);
  if (frameworks.length === 0) return undefined;
  const parts = frameworks
    .sort(
      (a, b) =>
        Number(a.e2e) - Number(b.e2e) ||
        b.files - a.files ||
        a.name.localeCompare(b.name),
    )
    .slice(0, 3)
    .map(describeFramework);
  return { topic: 'Tests', text: `${parts.join('; ')}.` };
}

/** Generated files, grouped by pattern, with how to regenerate them when the repository says. */
export function describeGenerated(
  facts: RepoFacts,
  generateCommand: string | undefined,
  migrateCommand: string | undefined,
): AgentConventionLine | undefined {
  if (facts.generatedFiles.length === 0) return undefined;
  const groups = new Map<string, number>();
  for (const file of facts.generatedFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const suffix =
      /(\.pb\.go|_grpc\.pb\.go|\.pb\.gw\.go|_gen\.go|\.gen\.go|_string\.go|_generated\.go|\.generated\.tsx?|\.gen\.tsx?|_pb2\.py|\.d\.ts)$/.exec(
        name,
      )?.[1];
    let pattern = suffix ? `**/*${suffix}` : file.path;
    if (/^zz_generated\./.test(name)) pattern = `**/zz_generated.*.go`;
    groups.set(pattern, (groups.get(pattern) ?? 0) + 1);
  }
  const shown = [...groups.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 6)
    .map(
      ([pattern, count]) =>
        `\`${pattern}\`${count > 1 ? ` (${count} files)` : ''}`,
    );
  const more = groups.size > 6 ? `, and ${groups.size - 6} more` : '';
  const regenerate: string[] = [];
  const isSchema = (path: string) =>
    /(^|\/)db\/(\w+_)?(schema\.rb|structure\.sql)$/.test(path) ||
    /(^|\/)migrations\/migration_lock\.toml$/.test(path);
  // The code generator regenerates code, not a database schema.
  if (generateCommand && facts.generatedFiles.some(f => !isSchema(f.path)))
    regenerate.push(`\`${generateCommand}\``);
  if (
    migrateCommand &&
    facts.generatedFiles.some(f =>
      /(^|\/)db\/(schema\.rb|structure\.sql)$/.test(f.path),
    )
  )
    regenerate.push(`\`${migrateCommand}\` for the schema`);
  return {
    topic: 'Generated files',
    text: `do not edit by hand: ${shown.join(', ')}${more}${
      regenerate.length ? `; regenerate with ${regenerate.join(', ')}` : ''
    }.`,
  };
}

/** Commit subject convention, when the history (or commitlint) shows one. */
export function describeCommits(
  facts: RepoFacts,
): AgentConventionLine | undefined {
  const history = facts.history;
  const enforced = facts.collaboration.commitlint;
  const evidenced =
    history.commitsAnalysed >= MIN_SUBJECTS &&
    history.conventionalShare >= CONVENTIONAL_THRESHOLD;
  if (!evidenced && !enforced) return undefined;
  const parts: string[] = ['Conventional Commits, `type(scope): summary`'];
  // No counts: they change with every commit and would make the context stale for nothing.
  if (evidenced)
    parts[0] +=
      history.conventionalShare >= 0.9
        ? ' (nearly every recent commit)'
        : ' (most recent commits)';
  if (enforced) parts.push(`checked by commitlint (\`${enforced.config}\`)`);
  const types = history.types
    .filter(t => t.count >= 2 || history.types.length <= 4)
    .slice(0, 8)
    .map(t => `\`${t.name}\``)
    .sort();
  if (types.length > 0) parts.push(`types used: ${types.join(', ')}`);
  const scoped = history.scopes.reduce((sum, s) => sum + s.count, 0);
  if (
    history.conventionalCommits > 0 &&
    scoped / history.conventionalCommits >= 0.5
  ) {
    const packages = new Set(
      facts.workspacePackages.flatMap(p => [
        p.path.split('/').pop(),
        p.name,
        p.name.replace(/^@[^/]+\//, ''),
      ]),
    );
    const packageScoped = history.scopes
      .filter(s => packages.has(s.name))
      .reduce((sum, s) => sum + s.count, 0);
    const scopeRule =
      packageScoped / scoped >= 0.5
        ? 'the scope is the package name'
        : 'with a scope';
    parts.push(
      `${scopeRule} (${history.scopes
        .slice(0, 8)
        .map(s => `\`${s.name}\``)
        .sort()
        .join(', ')})`,
    );
  }
  return { topic: 'Commits', text: `${parts.join('; ')}.` };
}

/** Branch prefixes that name a kind of work. */
const BRANCH_KINDS =
  /^(feat|feature|features|fix|fixes|bugfix|hotfix|bug|chore|chores|docs|doc|refactor|test|tests|ci|perf|build|release|deps|style|security|spike|experiment|maint|maintenance|cleanup|improvement|enhancement)$/;

/** Branch prefixes, squash merges, keeping chores apart, PR template. */
export function describeBranchesAndReviews(
  facts: RepoFacts,
): AgentConventionLine[] {
  const lines: AgentConventionLine[] = [];
  const history = facts.history;
  // Only prefixes that name a kind of work: a person's name (`alex/`) or a
  // tool's default (`codex/`, `dependabot/`) is not a convention to follow.
  const kinds = history.branchPrefixes.filter(p => BRANCH_KINDS.test(p.name));
  const seen = kinds.reduce((sum, p) => sum + p.count, 0);
  // One-off prefixes are noise in a long history, not in a short one.
  const prefixes = kinds.filter(
    p => p.count >= Math.max(1, Math.ceil(seen * 0.05)),
  );
  const total = prefixes.reduce((sum, p) => sum + p.count, 0);
  const branch: string[] = [];
  if (facts.git.defaultBranch)
    branch.push(
      `the default branch is \`${facts.git.defaultBranch}\`; branch off it`,
    );
  if (prefixes.length > 0 && total >= 3) {
    const chore =
      prefixes.some(p => p.name === 'chore') ||
      history.types.some(t => t.name === 'chore' && t.count >= 2);
    const list = prefixes
      .slice(0, 6)
      .map(p => `\`${p.name}/\``)
      .sort()
      .join(', ');
    branch.push(
      `name topic branches by kind: ${list}${
        chore
          ? '; keep chore work (dependencies, tooling, formatting) on its own `chore/` branch and pull request, apart from feature work'
          : ''
      }`,
    );
  } else if (
    history.commitsAnalysed >= MIN_SUBJECTS &&
    history.conventionalShare >= CONVENTIONAL_THRESHOLD &&
    history.types.some(t => t.name === 'chore' && t.count >= 2)
  ) {
    branch.push(
      'keep chore work (dependencies, tooling, formatting) in its own commits and pull requests, apart from feature work',
    );
  }
  if (branch.length > 0)
    lines.push({ topic: 'Branches', text: `${branch.join('; ')}.` });
  const pr: string[] = [];
  if (
    history.commitsAnalysed >= MIN_SUBJECTS &&
    history.squashMergeShare >= 0.5
  ) {
    pr.push(
      `they are squash-merged (recent subjects end in \`(#123)\`), so the PR title becomes the commit subject${
        history.conventionalShare >= CONVENTIONAL_THRESHOLD
          ? ' and must follow the commit convention'
          : ''
      }`,
    );
  }
  const template = facts.collaboration.pullRequestTemplate;
  if (template) {
    const headings = template.headings.slice(0, 5).join(', ');
    const checklist = template.checklist
      .slice(0, 6)
      .map(c => c.replace(/\s+/g, ' ').replace(/\.$/, ''));
    pr.push(
      `fill in \`${template.file}\`${headings ? ` (${headings})` : ''}${
        checklist.length ? `; its checklist: ${checklist.join('; ')}` : ''
      }`,
    );
  }
  if (facts.collaboration.changesets)
    pr.push('add a changeset (`.changeset/`) for every user-visible change');
  if (pr.length > 0)
    lines.push({ topic: 'Pull requests', text: `${pr.join('; ')}.` });
  // A hook script's shell plumbing (assignments, echo, if/fi, functions) is not what it runs.
  const isCommand = (line: string) =>
    !/^([A-Za-z_]\w*=|echo\b|printf\b|if\b|then\b|else\b|elif\b|fi\b|for\b|do\b|done\b|case\b|esac\b|exit\b|return\b|set\b|local\b|export\b|[{}#]|\w+\(\)\s*\{)/.test(
      line.trim(),
    );
  const hooks = facts.collaboration.commitHooks
    .map(h => ({ ...h, runs: h.runs.filter(isCommand) }))
    .filter(h => h.runs.length > 0);
  if (hooks.length > 0) {
    const text = hooks
      .slice(0, 3)
      .map(
        h =>
          `${h.tool} runs ${h.runs
            .slice(0, 4)
            .map(r => `\`${r}\``)
            .join(', ')}`,
      )
      .join('; ');
    lines.push({ topic: 'Commit hooks', text: `${text}.` });
  }
  return lines;
}

/** File naming habits of the JavaScript and TypeScript code. */
export function describeFileNaming(
  facts: RepoFacts,
): AgentConventionLine | undefined {
  if (facts.fileNaming.length === 0) return undefined;
  const parts = facts.fileNaming.map(
    n =>
      `${n.extensions.map(e => `\`${e}\``).join('/')} files in ${
        n.style
      } (\`${n.example.slice(n.example.lastIndexOf('/') + 1)}\`)`,
  );
  return { topic: 'File names', text: `${parts.join('; ')}.` };
}

/** Release tooling and what it means for commits and changelogs. */
export function describeReleases(
  facts: RepoFacts,
): AgentConventionLine | undefined {
  const releases = facts.collaboration.releases.filter(
    r => r.name !== 'changesets',
  );
  if (releases.length === 0) return undefined;
  const text = releases
    .map(r => {
      if (r.name === 'goreleaser')
        return `GoReleaser builds releases (\`${r.config}\`)`;
      return `${r.name} (\`${r.config}\`) derives versions and the changelog from commit messages; do not edit them by hand`;
    })
    .join('; ');
  return { topic: 'Releases', text: `${text}.` };
}

/** Other pointers: env example, contributing guide, nested agent files, code owners. */
export function describePointers(facts: RepoFacts): AgentConventionLine[] {
  const lines: AgentConventionLine[] = [];
  const env = facts.environmentFiles.filter(e => e.variables > 0).slice(0, 2);
  if (env.length > 0)
    lines.push({
      topic: 'Environment',
      text: `variables are listed in ${env
        .map(e => `\`${e.file}\` (${e.variables})`)
        .join(', ')}.`,
    });
  const nested = facts.agentFiles
    .filter(a => a.path.includes('/') && /AGENTS\.md$/.test(a.path))
    .map(a => `\`${a.path}\``);
  const others = facts.agentFiles
    .filter(
      a => !a.path.endsWith('AGENTS.md') && !a.symlinkTo?.endsWith('AGENTS.md'),
    )
    .map(a => `\`${a.path}\``);
  for (const idiom of facts.idioms)
    lines.push({ topic: idiom.topic, text: idiom.text });
  for (const policy of facts.policies.filter(p => p.topic !== 'Guides'))
    lines.push({ topic: policy.topic, text: policy.text });
  const projectGuides =
    facts.policies
      .find(p => p.topic === 'Guides')
      ?.text.replace(/\.$/, '')
      .split(', ') ?? [];
  const guides = [
    facts.collaboration.contributing &&
      `\`${facts.collaboration.contributing.file}\``,
    ...projectGuides,
    ...nested.slice(0, 5),
    ...others.slice(0, 3),
  ].filter(Boolean);
  if (guides.length > 0)
    lines.push({ topic: 'Also read', text: `${guides.join(', ')}.` });
  if (facts.collaboration.codeowners)
    lines.push({
      topic: 'Code owners',
      text: `\`${facts.collaboration.codeowners.file}\` assigns reviewers by path.`,
    });
  return lines;
}
