import type {
  AgentContext,
  CommandFact,
  FactSource,
  RepoFacts,
  StyleToolFact,
} from '@catalyst/repo-analyzer';
import {
  CATALYST_BLOCK_BEGIN,
  CATALYST_BLOCK_END,
} from '@catalyst/repo-analyzer';
import type {
  AgentContextFact,
  AgentContextLine,
} from '@catalyst/plugin-platform-common';

// A line of a big repository can rest on dozens of facts; the first ones make the point.
const MAX_FACTS_PER_LINE = 12;

const ORIGINS: Record<CommandFact['origin'], string> = {
  'package-script': 'package.json script',
  makefile: 'Makefile target',
  justfile: 'justfile recipe',
  taskfile: 'Taskfile task',
  rakefile: 'Rake task',
  'bin-script': 'script',
  ci: 'CI step',
  derived: 'derived from the tool set-up',
};

function fact(
  kind: string,
  label: string,
  source: FactSource,
): AgentContextFact {
  const { file, line, git, note } = source;
  return {
    kind,
    label,
    source: Object.fromEntries(
      Object.entries({ file, line, git, note }).filter(
        ([, v]) => v !== undefined,
      ),
    ),
  };
}

/** The facts behind one command: where the analyzer found it. */
export function commandFacts(
  facts: RepoFacts,
  command: string,
  task: string,
): AgentContextFact[] {
  const workspaceTemplate = task === 'Test one package';
  const matching = facts.commands.filter(c =>
    workspaceTemplate
      ? c.kind === 'test' &&
        /^(yarn workspace |pnpm --filter |bun run --filter )|--workspace=/.test(
          c.command,
        )
      : c.command === command,
  );
  return matching.map(c =>
    fact(
      'command',
      `${ORIGINS[c.origin]}${c.name ? ` \`${c.name}\`` : ''}${
        c.runInCi ? ', run in CI' : ''
      }`,
      c.source,
    ),
  );
}

function toolFacts(tools: StyleToolFact[]): AgentContextFact[] {
  return tools.flatMap(tool => [
    fact(
      'style',
      `${tool.name} configuration${tool.config ? ` \`${tool.config}\`` : ''}`,
      tool.source,
    ),
    ...tool.settings
      .filter(s => !s.scope)
      .map(s => fact('style', `${tool.name} ${s.key}: ${s.value}`, s.source)),
    ...tool.rules
      .filter(r => r.meaning)
      .map(r => fact('style', `${tool.name} rule \`${r.name}\``, r.source)),
  ]);
}

/** The facts a convention line of the given topic states. */
function conventionFacts(
  facts: RepoFacts,
  topic: string,
  text: string,
): AgentContextFact[] {
  const rootTools = (kind: StyleToolFact['kind']) =>
    facts.styleTools.filter(t => t.kind === kind && t.directory === '');
  const history = () => [
    fact('history', 'recent commit subjects', facts.history.source),
  ];
  const collaboration = facts.collaboration;
  switch (topic) {
    case 'Stack':
      return [
        ...facts.languages
          .filter(l => l.kind === 'programming' && text.includes(l.name))
          .map(l => fact('language', `${l.name} files`, l.source)),
        ...facts.runtimes
          .filter(r => text.includes(r.version))
          .map(r => fact('runtime', `${r.name} ${r.version}`, r.source)),
        ...facts.stack
          .filter(s => text.includes(s.name))
          .map(s =>
            fact(
              'stack',
              `${s.name}${s.version ? ` ${s.version}` : ''} (${s.role})`,
              s.source,
            ),
          ),
      ];
    case 'Formatting':
      return toolFacts([
        ...rootTools('format'),
        ...facts.styleTools.filter(t =>
          ['editorconfig', 'ruff', 'golangci-lint'].includes(t.name),
        ),
      ]);
    case 'Linting':
      return toolFacts(rootTools('lint'));
    case 'Types':
      return [
        ...(facts.typescript
          ? [
              fact(
                'types',
                `TypeScript \`${facts.typescript.config}\``,
                facts.typescript.source,
              ),
            ]
          : []),
        ...toolFacts(facts.styleTools.filter(t => t.kind === 'typecheck')),
      ];
    case 'Tests':
      return facts.testFrameworks.map(t =>
        fact(
          'tests',
          `${t.name}${t.config ? ` (\`${t.config}\`)` : ''}, ${
            t.files
          } test files`,
          t.source,
        ),
      );
    case 'File names':
      return facts.fileNaming.map(n =>
        fact('naming', `${n.style} file names (\`${n.example}\`)`, n.source),
      );
    case 'Generated files':
      return facts.generatedFiles.map(g =>
        fact('generated', `\`${g.path}\`: ${g.marker}`, g.source),
      );
    case 'Commits':
      return [
        ...history(),
        ...(collaboration.commitlint
          ? [
              fact(
                'collaboration',
                `commitlint \`${collaboration.commitlint.config}\``,
                collaboration.commitlint.source,
              ),
            ]
          : []),
      ];
    case 'Releases':
      return collaboration.releases.map(r =>
        fact('collaboration', `${r.name} \`${r.config}\``, r.source),
      );
    case 'Branches':
      return history();
    case 'Pull requests':
      return [
        ...(/squash-merged/.test(text) ? history() : []),
        ...(collaboration.pullRequestTemplate
          ? [
              fact(
                'collaboration',
                `pull request template \`${collaboration.pullRequestTemplate.file}\``,
                collaboration.pullRequestTemplate.source,
              ),
            ]
          : []),
        ...(collaboration.changesets
          ? [
              fact(
                'collaboration',
                'changesets',
                collaboration.changesets.source,
              ),
            ]
          : []),
      ];
    case 'Commit hooks':
      return collaboration.commitHooks.map(h =>
        fact('collaboration', `${h.tool} hook`, h.source),
      );
    case 'Environment':
      return facts.environmentFiles.map(e =>
        fact(
          'environment',
          `\`${e.file}\` (${e.variables} variables)`,
          e.source,
        ),
      );
    case 'Also read':
      return [
        ...(collaboration.contributing
          ? [
              fact(
                'collaboration',
                `\`${collaboration.contributing.file}\``,
                collaboration.contributing.source,
              ),
            ]
          : []),
        ...facts.agentFiles
          .filter(a => text.includes(`\`${a.path}\``))
          .map(a => fact('agent-file', `\`${a.path}\``, a.source)),
      ];
    case 'Code owners':
      return collaboration.codeowners
        ? [
            fact(
              'collaboration',
              `\`${collaboration.codeowners.file}\``,
              collaboration.codeowners.source,
            ),
          ]
        : [];
    default:
      return [];
  }
}

function toolchainFacts(facts: RepoFacts): AgentContextFact[] {
  return [
    ...facts.packageManagers
      .filter(
        p =>
          (p.ecosystem === 'node' && p.directory === '') ||
          p.ecosystem === 'python',
      )
      .map(p =>
        fact(
          'toolchain',
          `${p.name}${p.lockfile ? ` (\`${p.lockfile}\`)` : ''}`,
          p.source,
        ),
      ),
    ...facts.runtimes.map(r =>
      fact('runtime', `${r.name} ${r.version}`, r.source),
    ),
  ];
}

function ciFacts(facts: RepoFacts): AgentContextFact[] {
  const onPr = facts.ci.filter(w => w.onPullRequest);
  const workflows =
    onPr.length > 0 ? onPr : facts.ci.filter(w => w.triggers.includes('push'));
  return workflows.map(w => fact('ci', `workflow \`${w.file}\``, w.source));
}

const isTableRow = (line: string) => /^\|.*\|$/.test(line.trim());
const isSeparator = (line: string) =>
  /^\|(\s*:?-{3,}:?\s*\|)+$/.test(line.trim());

/**
 * Says, for each line of Catalyst's block in a generated AGENTS.md, which
 * facts of the repository it states and where each was read (file and line,
 * or git evidence). Headings, table headers and markers state nothing and
 * are left out; a line whose facts carry no source is listed with none
 * rather than with a guess.
 */
export function explainAgentsMd(
  facts: RepoFacts,
  context: AgentContext,
  content: string,
): AgentContextLine[] {
  const lines = content.split(/\r?\n/);
  const begin = lines.findIndex(l => l.trim() === CATALYST_BLOCK_BEGIN);
  if (begin === -1) return [];
  const explained: AgentContextLine[] = [];
  let section: string | undefined;
  let tableRow = 0;
  let specRow = 0;
  const layoutRows = [
    ...context.layout.map(row => ({ row, package: false })),
    ...context.packages.map(row => ({ row, package: true })),
  ];

  for (let index = begin + 1; index < lines.length; index++) {
    const text = lines[index];
    const trimmed = text.trim();
    if (trimmed === CATALYST_BLOCK_END) break;
    if (!trimmed || trimmed.startsWith('<!--')) continue;
    const heading = /^##\s+(.*)$/.exec(trimmed);
    if (heading) {
      section = heading[1];
      tableRow = -1;
      continue;
    }
    let found: AgentContextFact[] = [];
    if (isTableRow(trimmed)) {
      // The first row of a table is its header; the separator follows it.
      if (tableRow === -1 || isSeparator(trimmed)) {
        if (!isSeparator(trimmed)) tableRow = 0;
        continue;
      }
      if (section === 'Commands') {
        const row = context.commands[tableRow];
        if (row) found = commandFacts(facts, row.command, row.task);
      } else if (section === 'Layout') {
        const entry = layoutRows[tableRow];
        if (entry?.package) {
          found = facts.workspacePackages
            .filter(p => `${p.path}/` === entry.row.path)
            .map(p => fact('package', `package \`${p.name}\``, p.source));
        } else if (entry) {
          found = facts.layout
            .filter(l => l.path === entry.row.path)
            .map(l => fact('layout', `folder \`${l.path}\``, l.source));
        }
      }
      tableRow += 1;
    } else if (
      section === undefined &&
      context.summary &&
      trimmed === context.summary.replace(/\s+/g, ' ').trim()
    ) {
      found = facts.project
        ? [
            fact(
              'project',
              `project ${facts.project.name}`,
              facts.project.source,
            ),
          ]
        : [];
    } else if (section === 'Commands' && trimmed === context.toolchain) {
      found = toolchainFacts(facts);
    } else if (section === 'Commands' && trimmed === context.ci) {
      found = ciFacts(facts);
    } else if (section === 'Conventions') {
      const convention = /^- \*\*(.+?)\*\*: (.*)$/.exec(trimmed);
      if (convention)
        found = conventionFacts(facts, convention[1], convention[2]);
    } else if (section === 'Active specs') {
      const spec = context.specs[specRow++];
      found = facts.specs
        .filter(s => spec && `${s.path}/` === spec.path)
        .map(s =>
          fact(
            'spec',
            `spec \`${s.path}\` (${s.openTasks} open tasks)`,
            s.source,
          ),
        );
    } else if (
      section === 'Layout' &&
      /more workspace packages/.test(trimmed)
    ) {
      found = facts.workspacePackages
        .slice(context.packages.length)
        .map(p => fact('package', `package \`${p.name}\``, p.source));
    }
    explained.push({
      line: index + 1,
      text,
      section,
      facts: found.slice(0, MAX_FACTS_PER_LINE),
    });
  }
  return explained;
}
