import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of parser fixtures of one kind (`tasks`, `spec`, `repos`). */
export function fixtureRoot(kind: string): string {
  return join(__dirname, '..', '__fixtures__', kind);
}

/** The fixture folders of one kind, by name. */
export function fixtureNames(kind: string): string[] {
  return readdirSync(fixtureRoot(kind), { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
    .sort();
}

/**
 * Compares a parser's output with the fixture's expected.json. Run the tests
 * with `UPDATE_FIXTURES=1` to rewrite expected.json on purpose, then review
 * the diff.
 */
export function expectFixtureJson(dir: string, actual: unknown): void {
  const file = join(dir, 'expected.json');
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(file)) {
    if (process.env.UPDATE_FIXTURES !== '1') {
      throw new Error(
        `${file} is missing; run with UPDATE_FIXTURES=1 to write it, then review it`,
      );
    }
    writeFileSync(file, json);
  }
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
