import { Checkout } from '../checkout/Checkout';
import { asRecord, asString } from '../checkout/asRecord';
import { CommandFact } from '../types';
import { classifyCommand, kindFromName, refineKind } from './classifyCommand';

/** `just <recipe>` commands from a justfile. */
export function justfileCommands(checkout: Checkout): CommandFact[] {
  const file = checkout.first('justfile', 'Justfile', '.justfile');
  const text = file ? checkout.readText(file) : undefined;
  if (!file || text === undefined) return [];
  const facts: CommandFact[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const recipe = /^@?([A-Za-z_][\w-]*)(?:\s+[^:=]*)?:(?!=)/.exec(line);
    if (!recipe || /^(set|alias|export|import|mod)\b/.test(line)) return;
    const body: string[] = [];
    for (let i = index + 1; i < lines.length && /^\s+\S/.test(lines[i]); i++)
      body.push(lines[i].trim().replace(/^[@-]+/, ''));
    const kind = refineKind(
      classifyCommand(recipe[1], body.join('\n')),
      recipe[1],
      body.join('\n'),
    );
    if (!recipe[1].startsWith('_'))
      facts.push({
        kind,
        command: `just ${recipe[1]}`,
        origin: 'justfile',
        name: recipe[1],
        runs: body[0],
        directory: '',
        source: { file, line: index + 1 },
      });
  });
  return facts;
}

/** `task <name>` commands from a Taskfile.yml. */
export function taskfileCommands(checkout: Checkout): CommandFact[] {
  const file = checkout.first(
    'Taskfile.yml',
    'Taskfile.yaml',
    'taskfile.yml',
    'taskfile.yaml',
  );
  if (!file) return [];
  const tasks = asRecord(asRecord(checkout.readYaml(file))?.tasks);
  if (!tasks) return [];
  const text = checkout.readText(file) ?? '';
  const lines = text.split('\n');
  const facts: CommandFact[] = [];
  for (const [name, value] of Object.entries(tasks)) {
    const task = asRecord(value);
    let cmds: unknown[] = Array.isArray(value) ? value : [];
    if (Array.isArray(task?.cmds)) cmds = task!.cmds as unknown[];
    const body = (cmds as unknown[])
      .map(
        c =>
          asString(c) ??
          asString(asRecord(c)?.cmd) ??
          (asString(asRecord(c)?.task) ? `task ${asRecord(c)?.task}` : ''),
      )
      .filter(Boolean);
    if (asRecord(value)?.internal === true) continue;
    const kind = refineKind(
      classifyCommand(name, body.join('\n')),
      name,
      body.join('\n'),
      asString(task?.desc),
    );
    const line = lines.findIndex(l =>
      new RegExp(
        `^\\s{2,4}['"]?${name.replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )}['"]?\\s*:`,
      ).test(l),
    );
    facts.push({
      kind,
      command: `task ${name}`,
      origin: 'taskfile',
      name,
      runs: body[0],
      description: asString(task?.desc),
      directory: '',
      source: { file, line: line >= 0 ? line + 1 : undefined },
    });
  }
  return facts;
}

/** `bundle exec rake <task>` commands from the top-level tasks of a Rakefile and of Rails' `lib/tasks/*.rake`. */
export function rakefileCommands(checkout: Checkout): CommandFact[] {
  const files = [
    ...(checkout.has('Rakefile') ? ['Rakefile'] : []),
    ...checkout
      .filesIn('lib/tasks')
      .map(f => f.path)
      .filter(p => /^lib\/tasks\/[^/]+\.rake$/.test(p))
      .sort(),
  ];
  const rake = checkout.has('bin/rake') ? 'bin/rake' : 'bundle exec rake';
  const facts: CommandFact[] = [];
  for (const file of files) {
    const text = checkout.readText(file);
    if (text === undefined) continue;
    const inRakefile = file === 'Rakefile';
    text.split('\n').forEach((line, index) => {
      // In lib/tasks only unindented tasks are top-level (the rest sit in a namespace).
      const task = (
        inRakefile
          ? /^\s*task\s*\(?\s*(?::([a-z_]\w*)|["']([\w:-]+)["']|([a-z_]\w*):)/
          : /^task\s*\(?\s*(?::([a-z_]\w*)|["']([\w:-]+)["']|([a-z_]\w*):)/
      ).exec(line);
      const name = task && (task[1] ?? task[2] ?? task[3]);
      if (!name || (!inRakefile && name === 'default')) return;
      const defaultDeps =
        name === 'default'
          ? /(?:=>|:)\s*\[?([^\]\n]*)/.exec(
              line.slice(line.indexOf('default') + 7),
            )?.[1] ?? ''
          : '';
      // A task's name is all there is to go on: in lib/tasks only a name that says it all counts.
      let kind: CommandFact['kind'] | undefined;
      if (name === 'default')
        kind = classifyCommand('', defaultDeps.replace(/[:"']/g, ' '));
      else if (inRakefile) kind = classifyCommand(name, '');
      else kind = kindFromName(name);
      if (kind)
        facts.push({
          kind,
          command: name === 'default' ? rake : `${rake} ${name}`,
          origin: 'rakefile',
          name,
          directory: '',
          source: { file, line: index + 1 },
        });
    });
  }
  return facts;
}
