import { NodeProject } from '../node/nodeProjects';
import { execBinaryCommand } from '../node/runScript';
import { CommandFact, StyleToolFact, TypeScriptFacts } from '../types';

/**
 * Commands implied by a configured tool when the repository has no script
 * for it: `golangci-lint run`, `npx eslint .`, `npx prettier --write .`,
 * `npx tsc --noEmit`. The selection prefers the repository's own scripts.
 */
export function toolCommands(
  tools: StyleToolFact[],
  typescript: TypeScriptFacts | undefined,
  projects: NodeProject[],
): CommandFact[] {
  const facts: CommandFact[] = [];
  const root = projects.find(p => p.root.dir === '');
  const derived = (
    kind: CommandFact['kind'],
    command: string,
    source: StyleToolFact['source'],
  ): CommandFact => ({
    kind,
    command,
    origin: 'derived',
    directory: '',
    source,
  });
  for (const tool of tools) {
    if (tool.name === 'golangci-lint') {
      facts.push(derived('lint', 'golangci-lint run', tool.source));
      facts.push(derived('lint-fix', 'golangci-lint run --fix', tool.source));
    }
    if (!root || tool.directory !== '') continue;
    const exec = (binary: string) =>
      execBinaryCommand(root.packageManager.name, binary);
    if (tool.name === 'eslint') {
      facts.push(derived('lint', `${exec('eslint')} .`, tool.source));
      facts.push(derived('lint-fix', `${exec('eslint')} --fix .`, tool.source));
    } else if (tool.name === 'prettier') {
      facts.push(
        derived('format', `${exec('prettier')} --write .`, tool.source),
      );
      facts.push(
        derived('format-check', `${exec('prettier')} --check .`, tool.source),
      );
    } else if (tool.name === 'biome') {
      facts.push(derived('lint', `${exec('biome')} check .`, tool.source));
      facts.push(
        derived('format', `${exec('biome')} check --write .`, tool.source),
      );
    }
  }
  if (root && typescript && typescript.config === 'tsconfig.json') {
    facts.push(
      derived(
        'typecheck',
        `${execBinaryCommand(root.packageManager.name, 'tsc')} --noEmit`,
        { file: typescript.config },
      ),
    );
  }
  return facts;
}
