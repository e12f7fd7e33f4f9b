import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expectFixtureJson,
  fixtureNames,
  fixtureRoot,
} from '../__testUtils__/fixtures';
import { parseSpecMarkdown } from './parseSpecMarkdown';

describe('parseSpecMarkdown', () => {
  it.each(fixtureNames('spec'))('reads the %s fixture', name => {
    const dir = join(fixtureRoot('spec'), name);
    const markdown = readFileSync(join(dir, 'input.md'), 'utf8');
    expectFixtureJson(dir, parseSpecMarkdown(markdown, 'spec.md'));
  });
});
