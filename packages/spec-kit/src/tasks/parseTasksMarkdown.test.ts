import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expectFixtureJson,
  fixtureNames,
  fixtureRoot,
} from '../__testUtils__/fixtures';
import { parseTasksMarkdown } from './parseTasksMarkdown';

describe('parseTasksMarkdown', () => {
  it.each(fixtureNames('tasks'))('reads the %s fixture', name => {
    const dir = join(fixtureRoot('tasks'), name);
    const markdown = readFileSync(join(dir, 'input.md'), 'utf8');
    expectFixtureJson(dir, parseTasksMarkdown(markdown, 'tasks.md'));
  });
});
