import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSpecs } from './node/readSpecs';
import type { SpecTask } from './types';
import { corpusRoot as findCorpusRoot } from './__testUtils__/corpus';

const corpusRoot = findCorpusRoot();

/** The README's "Expected task counts" table: folder -> id-bearing checkbox tasks and done. */
function expectedCounts(): Map<string, { tasks: number; done: number }> {
  const readme = readFileSync(join(corpusRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Expected task counts'));
  const counts = new Map<string, { tasks: number; done: number }>();
  for (const match of section.matchAll(
    /^\|\s*([\w./-]+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*$/gm,
  )) {
    counts.set(match[1], { tasks: Number(match[2]), done: Number(match[3]) });
  }
  return counts;
}

/** What the README counts: `[ ]`/`[x]`/`[X]` checkbox lines whose text starts with a task id. */
function isCountedTask(task: SpecTask): boolean {
  return (
    task.source === 'checkbox' &&
    task.id !== undefined &&
    [' ', 'x', 'X'].includes(task.mark)
  );
}

describe('the shared Spec Kit corpus', () => {
  it('is present beside the repository', () => {
    expect(existsSync(join(corpusRoot, 'README.md'))).toBe(true);
  });

  it('matches the expected task counts of every folder exactly', () => {
    const expected = expectedCounts();
    expect(expected.size).toBeGreaterThanOrEqual(8);
    const index = readSpecs(join(corpusRoot, 'ncrmro-catalyst'));

    const actual = new Map(
      index.specs.map(spec => {
        const counted = spec.tasks.filter(isCountedTask);
        return [
          spec.path.replace(/^specs\//, ''),
          {
            tasks: counted.length,
            done: counted.filter(task => task.done).length,
          },
        ];
      }),
    );
    for (const [folder, counts] of expected) {
      expect({ folder, ...actual.get(folder) }).toEqual({ folder, ...counts });
    }
  });

  it('indexes every numbered folder and skips .templates', () => {
    const index = readSpecs(join(corpusRoot, 'ncrmro-catalyst'));
    expect(index.specs.map(spec => spec.path)).toEqual([
      'specs/001-environments',
      'specs/003-vcs-providers',
      'specs/006-agent-harness',
      'specs/007-agents',
      'specs/009-projects',
      'specs/010-platform',
      'specs/011-billing',
      'specs/012-cross-account-cloud-resources',
      'specs/_archive/002-local-k3s-vm',
    ]);
    expect(
      index.specs.filter(spec => spec.archived).map(spec => spec.slug),
    ).toEqual(['002-local-k3s-vm']);
  });

  it('reads the phases, stories and tags of 010-platform', () => {
    const index = readSpecs(join(corpusRoot, 'ncrmro-catalyst'));
    const platform = index.specs.find(spec => spec.slug === '010-platform')!;
    expect(platform).toMatchObject({
      number: 10,
      title: 'Platform Management & Automation',
      status: 'draft',
      specId: '010-platform',
      completion: 0.19,
    });
    expect(platform.tasks[0]).toMatchObject({
      id: 'T001',
      state: 'open',
      tags: ['Spike'],
      phase: 'Phase 0: Spikes',
      line: 23,
    });
    expect(platform.tasks.find(task => task.id === 'T004')).toMatchObject({
      parallel: true,
      stories: ['US-5'],
      phase: 'Phase 1: Database Schema & Setup',
    });
    expect(platform.userStories).toHaveLength(11);
  });

  it('keeps notes lines and acceptance criteria out of the tasks', () => {
    const index = readSpecs(join(corpusRoot, 'ncrmro-catalyst'));
    const all = index.specs.flatMap(spec => spec.tasks);
    expect(all.some(task => task.description.startsWith('tasks ='))).toBe(
      false,
    );
    const billing = index.specs.find(spec => spec.slug === '011-billing')!;
    expect(billing.tasks.every(task => task.source === 'heading')).toBe(true);
    expect(billing.tasks.map(task => task.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Task ${i + 1}`),
    );
  });
});
