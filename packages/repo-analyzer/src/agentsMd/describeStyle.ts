import { RepoFacts, StyleSetting, StyleToolFact } from '../types';
import { AgentConventionLine } from './AgentContext';

const TOOL_NAMES: Record<string, string> = {
  prettier: 'Prettier',
  eslint: 'ESLint',
  biome: 'Biome',
  editorconfig: 'EditorConfig',
  rubocop: 'RuboCop',
  standardrb: 'Standard Ruby',
  gofmt: 'gofmt',
  'golangci-lint': 'golangci-lint',
  ruff: 'Ruff',
  black: 'Black',
  isort: 'isort',
  flake8: 'flake8',
  mypy: 'mypy',
  pyright: 'Pyright',
  rustfmt: 'rustfmt',
  clippy: 'Clippy',
};

/** A style setting in words: `single quotes`, `no semicolons`, `2-space indent`. */
export function describeSetting(setting: StyleSetting): string | undefined {
  const { key, value } = setting;
  switch (key) {
    case 'indent':
      if (value === 'tabs') return 'tab indent';
      return /^\d+ spaces$/.test(value)
        ? `${value.split(' ')[0]}-space indent`
        : `${value} indent`;
    case 'quotes':
      return `${value} quotes`;
    case 'semicolons':
      if (value === 'never') return 'no semicolons';
      return value === 'as needed'
        ? 'semicolons only where needed'
        : 'semicolons';
    case 'lineLength':
      return `line length ${value}`;
    case 'trailingCommas':
      return value === 'none'
        ? 'no trailing commas'
        : `trailing commas (${value})`;
    case 'endOfLine':
      return `${value.toUpperCase()} line endings`;
    case 'finalNewline':
      return value === 'true' ? 'final newline' : undefined;
    case 'docstrings':
      return `${value} docstrings`;
    case 'importGroups':
      return value;
    case 'strict':
      return value === 'true' ? 'strict' : undefined;
    case 'typeCheckingMode':
      return `${value} mode`;
    case 'targetRuby':
      return `Ruby ${value} syntax`;
    case 'targetPython':
      return `target ${value}`;
    default:
      return undefined;
  }
}

function settingsText(
  tool: StyleToolFact,
  skipKeys: Set<string> = new Set(),
): string[] {
  return tool.settings
    .filter(s => !s.scope && !skipKeys.has(s.key))
    .map(describeSetting)
    .filter((s): s is string => Boolean(s));
}

function configRef(tool: StyleToolFact): string {
  const parts = [
    tool.config ? `\`${tool.config}\`` : undefined,
    ...tool.presets.slice(0, 3),
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Rules worth a mention: the ones with a plain-words meaning, at most six. */
function ruleText(tool: StyleToolFact): string[] {
  const meanings = [
    ...new Set(tool.rules.filter(r => r.meaning).map(r => r.meaning!)),
  ];
  return meanings.slice(0, 6);
}

/**
 * Code style lines: the formatter with its settings, the linter with its
 * presets and the rules an agent would otherwise trip over, EditorConfig
 * when no formatter states the same, and TypeScript strictness and aliases.
 */
export function describeStyle(
  facts: RepoFacts,
  formatCommand: string | undefined,
  lintCommand: string | undefined,
): AgentConventionLine[] {
  const lines: AgentConventionLine[] = [];
  const tools = facts.styleTools;
  const formatters = tools.filter(
    t => t.kind === 'format' && t.directory === '',
  );
  const linters = tools.filter(t => t.kind === 'lint' && t.directory === '');
  const stated = new Set<string>();
  const formatting: string[] = [];
  for (const tool of formatters) {
    const settings = settingsText(tool);
    tool.settings.forEach(s => stated.add(s.key));
    formatting.push(
      `${TOOL_NAMES[tool.name] ?? tool.name}${configRef(tool)}${
        settings.length ? `: ${settings.join(', ')}` : ''
      }`,
    );
  }
  const ruff = tools.find(t => t.name === 'ruff');
  // Ruff's config alone does not make it the formatter: a project that runs Black formats with Black.
  const runsBlack = facts.commands.some(c => /\bblack\b/.test(c.command));
  const runsRuffFormat = facts.commands.some(
    c =>
      c.origin !== 'derived' &&
      /\bruff format\b/.test(`${c.command} ${c.runs ?? ''}`),
  );
  if (runsBlack && !runsRuffFormat && !tools.some(t => t.name === 'black'))
    formatting.push('Black');
  if (ruff && (runsRuffFormat || !runsBlack)) {
    const layout = ruff.settings
      .filter(s => ['lineLength', 'quotes', 'indent'].includes(s.key))
      .map(describeSetting);
    formatting.push(
      `Ruff formatter${layout.length ? `: ${layout.join(', ')}` : ''}`,
    );
  }
  const golangci = tools.find(t => t.name === 'golangci-lint');
  const goFormatters =
    golangci?.rules.filter(r => r.value === 'formatter').map(r => r.name) ?? [];
  if (golangci && goFormatters.length > 0) {
    const imports = golangci.settings
      .filter(s => s.key === 'importGroups')
      .map(describeSetting);
    formatting.push(
      `golangci-lint formatters ${goFormatters.join(', ')}${
        imports.length ? ` (${imports.join(', ')})` : ''
      }`,
    );
  }
  const editorconfig = tools.find(t => t.name === 'editorconfig');
  if (editorconfig) {
    const general = settingsText(editorconfig, stated).filter(
      s => !/final newline/.test(s) || formatting.length === 0,
    );
    const scoped = editorconfig.settings
      .filter(s => s.scope && s.key === 'indent')
      .map(s => `${describeSetting(s)} in \`${s.scope}\``)
      .slice(0, 3);
    if (general.length + scoped.length > 0)
      formatting.push(`EditorConfig: ${[...general, ...scoped].join(', ')}`);
  }
  if (formatting.length > 0) {
    lines.push({
      topic: 'Formatting',
      text: `${formatting.join('; ')}${
        formatCommand ? `. Run \`${formatCommand}\` before committing` : ''
      }.`,
    });
  }
  const linting: string[] = [];
  for (const tool of linters) {
    let settings: string[] = [];
    if (tool.name === 'ruff') {
      settings = tool.settings
        .filter(s => !['lineLength', 'quotes', 'indent'].includes(s.key))
        .map(describeSetting)
        .filter((s): s is string => Boolean(s));
    } else if (tool.name === 'rubocop' || tool.name === 'standardrb') {
      settings = settingsText(tool);
    }
    const rules = tool.name === 'ruff' ? [] : ruleText(tool);
    // Style rules of a linter say something only when no formatter has said it.
    const styleRules =
      tool.name === 'eslint'
        ? tool.settings
            .filter(s => !stated.has(s.key))
            .map(describeSetting)
            .filter((s): s is string => Boolean(s))
        : [];
    const ruffSets =
      tool.name === 'ruff'
        ? tool.rules
            .filter(r => r.value === 'selected')
            .map(r =>
              r.meaning ? `\`${r.name}\` ${r.meaning}` : `\`${r.name}\``,
            )
            .slice(0, 8)
        : [];
    const goLinters =
      tool.name === 'golangci-lint'
        ? tool.rules
            .filter(r => r.value === 'linter')
            .map(r => r.name)
            .slice(0, 12)
        : [];
    const details = [
      ...settings,
      ...styleRules,
      ...rules,
      ...(ruffSets.length ? [`rules ${ruffSets.join(', ')}`] : []),
      ...(goLinters.length ? [`linters ${goLinters.join(', ')}`] : []),
      ...(tool.name === 'golangci-lint'
        ? settingsText(tool).filter(s => !s.endsWith('imports grouped last'))
        : []),
    ];
    linting.push(
      `${TOOL_NAMES[tool.name] ?? tool.name}${configRef(tool)}${
        details.length ? `: ${details.join(', ')}` : ''
      }`,
    );
  }
  if (linting.length > 0) {
    lines.push({
      topic: 'Linting',
      text: `${linting.join('; ')}${
        lintCommand ? `. Run \`${lintCommand}\`` : ''
      }.`,
    });
  }
  const types: string[] = [];
  const ts = facts.typescript;
  if (ts) {
    const parts: string[] = [];
    if (ts.strict === true) parts.push('strict mode');
    if (ts.strict === false) parts.push('not strict');
    if (ts.strict !== true && ts.strictNullChecks === true)
      parts.push('strict null checks');
    if (ts.strict === undefined && ts.extends.length > 0)
      parts.push(`settings from ${ts.extends.map(e => `\`${e}\``).join(', ')}`);
    const aliases = ts.paths
      .slice(0, 3)
      .map(p => `\`${p.alias}\` → \`${p.target}\``);
    if (aliases.length > 0)
      parts.push(
        `import aliases ${aliases.join(
          ', ',
        )} (use them instead of long relative paths)`,
      );
    if (parts.length > 0)
      types.push(`TypeScript (\`${ts.config}\`): ${parts.join('; ')}`);
  }
  for (const tool of tools.filter(t => t.kind === 'typecheck')) {
    const settings = settingsText(tool);
    types.push(
      `${TOOL_NAMES[tool.name] ?? tool.name}${
        tool.config ? ` (\`${tool.config}\`)` : ''
      }${settings.length ? `: ${settings.join(', ')}` : ''}`,
    );
  }
  if (types.length > 0)
    lines.push({ topic: 'Types', text: `${types.join('; ')}.` });
  return lines;
}
