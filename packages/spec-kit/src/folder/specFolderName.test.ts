import { classifySpecFile } from './classifySpecFile';
import { parseSpecFolderName } from './specFolderName';

describe('parseSpecFolderName', () => {
  it.each([
    [
      '010-platform',
      { slug: '010-platform', number: 10, shortName: 'platform' },
    ],
    [
      '0042-big-repo',
      { slug: '0042-big-repo', number: 42, shortName: 'big-repo' },
    ],
    [
      '20250101-120000-login',
      {
        slug: '20250101-120000-login',
        number: 20250101120000,
        shortName: 'login',
      },
    ],
  ])('reads %s', (name, expected) => {
    expect(parseSpecFolderName(name)).toEqual(expected);
  });

  it.each([
    'specs',
    '.templates',
    '_archive',
    '01-too-short',
    '010-',
    'v1-api',
  ])('does not take %s for a spec folder', name => {
    expect(parseSpecFolderName(name)).toBeUndefined();
  });
});

describe('classifySpecFile', () => {
  it.each([
    ['spec.md', 'spec'],
    ['plan.md', 'plan'],
    ['tasks.md', 'tasks'],
    ['quickstart.md', 'quickstart'],
    ['research.md', 'research'],
    ['research.providers-auth.md', 'research'],
    ['data-model.md', 'data-model'],
    ['contracts/openapi.yaml', 'contract'],
    ['contracts/v2/events.md', 'contract'],
    ['checklists/requirements.md', 'checklist'],
    ['checklist.md', 'checklist'],
    ['AGENTS.md', 'agent-context'],
    ['CLAUDE.md', 'agent-context'],
    ['plan.github-app.md', 'other'],
    ['notes/tasks.md', 'other'],
  ])('classifies %s as %s', (path, kind) => {
    expect(classifySpecFile(path)).toBe(kind);
  });
});
