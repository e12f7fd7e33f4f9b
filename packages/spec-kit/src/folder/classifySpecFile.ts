import type { SpecFileKind } from '../types';

const topLevelKinds: Record<string, SpecFileKind> = {
  'spec.md': 'spec',
  'plan.md': 'plan',
  'tasks.md': 'tasks',
  'quickstart.md': 'quickstart',
  'data-model.md': 'data-model',
};

/**
 * The kind of a file from its path inside the spec folder.
 *
 * @public
 */
export function classifySpecFile(path: string): SpecFileKind {
  const segments = path.toLowerCase().split('/');
  const name = segments[segments.length - 1];
  if (segments.length > 1 && segments[0] === 'contracts') return 'contract';
  if (segments.length > 1 && segments[0] === 'checklists') return 'checklist';
  if (name === 'agents.md' || name === 'claude.md') return 'agent-context';
  if (segments.length === 1) {
    if (topLevelKinds[name]) return topLevelKinds[name];
    if (/^research.*\.md$/.test(name)) return 'research';
    if (/^checklist.*\.md$/.test(name)) return 'checklist';
  }
  return 'other';
}
