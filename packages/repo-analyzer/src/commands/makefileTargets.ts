import { Checkout } from '../checkout/Checkout';
import { CommandFact } from '../types';
import { classifyCommand, refineKind } from './classifyCommand';

interface Target {
  name: string;
  line: number;
  description?: string;
  recipe: string[];
}

/** Expands `$(VAR)` / `${VAR}` one level with the Makefile's own simple assignments. */
function expand(text: string, variables: Map<string, string>): string {
  return text.replace(
    /\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]/g,
    (whole, name: string) => variables.get(name) ?? whole,
  );
}

/** Parses the targets of a Makefile with their recipes and `##` descriptions. */
export function parseMakefile(text: string): Target[] {
  const lines = text.split('\n');
  const variables = new Map<string, string>();
  const targets: Target[] = [];
  let current: Target | undefined;
  let comment: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('\t')) {
      if (current) current.recipe.push(line.trim().replace(/^[@-]+/, ''));
      continue;
    }
    const assignment =
      /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?|:|::|\+)?=\s*(.*)$/.exec(
        line,
      );
    if (assignment) {
      if (!variables.has(assignment[1]))
        variables.set(assignment[1], assignment[2].trim());
      current = undefined;
      continue;
    }
    const rule =
      /^([A-Za-z0-9][A-Za-z0-9_.\- ]*?)\s*:(?![:=])([^#]*)(?:##?\s*(.*))?$/.exec(
        line,
      );
    if (rule) {
      current = undefined;
      for (const name of rule[1].split(/\s+/).filter(Boolean)) {
        if (
          name.includes('%') ||
          name.includes('/') ||
          /\.(o|a|so|go|c|h|js|ts|py|rb|json|yaml|yml|txt|md)$/.test(name)
        )
          continue;
        const target: Target = {
          name,
          line: i + 1,
          description: rule[3]?.trim() || comment,
          recipe: [],
        };
        targets.push(target);
        current = target;
        // Dependencies on other targets say what a target does when it has no recipe of its own.
        const deps = rule[2].trim();
        if (deps) target.recipe.push(`(depends on ${deps})`);
      }
      comment = undefined;
      continue;
    }
    const doc = /^##?\s*(.+)$/.exec(line);
    comment = doc ? doc[1].trim() : undefined;
    if (!line.trim()) current = undefined;
  }
  return targets.map(t => ({
    ...t,
    recipe: t.recipe.map(r => expand(expand(r, variables), variables)),
  }));
}

/**
 * `make <target>` commands for targets whose name or recipe says what they
 * do, from the Makefile in `dir` ('' for the root; `cd dir && make ...` otherwise).
 */
export function makefileCommands(checkout: Checkout, dir = ''): CommandFact[] {
  const at = (name: string) => (dir ? `${dir}/${name}` : name);
  const cd = dir ? `cd ${dir} && ` : '';
  const file = checkout.first(
    at('Makefile'),
    at('makefile'),
    at('GNUmakefile'),
  );
  if (!file) return [];
  const text = checkout.readText(file);
  if (text === undefined) return [];
  const facts: CommandFact[] = [];
  const seen = new Set<string>();
  for (const target of parseMakefile(text)) {
    if (seen.has(target.name) || target.name.startsWith('.')) continue;
    seen.add(target.name);
    const body = target.recipe
      .filter(r => !r.startsWith('(depends on'))
      .join('\n');
    const kind = refineKind(
      classifyCommand(target.name, body || target.recipe.join('\n')),
      target.name,
      body,
      target.description,
    );
    // An undocumented helper target with no recipe of its own is noise.
    if (kind === 'other' && !target.description && !body) continue;
    facts.push({
      kind,
      command: `${cd}make ${target.name}`,
      origin: 'makefile',
      name: target.name,
      runs: body.split('\n')[0] || undefined,
      description: target.description,
      directory: dir,
      source: { file, line: target.line },
    });
  }
  return facts;
}
