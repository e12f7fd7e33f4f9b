import {
  createFixtureRepository,
  removeFixtureRepositories,
} from '../__testUtils__/fixtureRepositories';
import { catalystConfigJsonSchema } from './catalystConfigSchema';
import { parseCatalystConfig, readCatalystConfig } from './readCatalystConfig';

afterEach(removeFixtureRepositories);

describe('parseCatalystConfig', () => {
  it('reads overrides and leaves other sections alone', () => {
    const result = parseCatalystConfig(`specs:
  path: docs/specs
conventions:
  pack: go
  ignore: ['legacy/**']
  rules:
    branch-naming: false
    tests-beside-code:
      config: { granularity: repository }
  files:
    .github/CODEOWNERS: false
`);
    expect(result.errors).toEqual([]);
    expect(result.overrides).toEqual({
      pack: 'go',
      ignore: ['legacy/**'],
      rules: {
        'branch-naming': false,
        'tests-beside-code': { config: { granularity: 'repository' } },
      },
      files: { '.github/CODEOWNERS': false },
    });
    expect(result.lineOf(['conventions', 'rules', 'branch-naming'])).toBe(7);
    expect(result.lineOf(['conventions', 'ignore', 0])).toBe(5);
  });

  it('reports schema errors at the line of the offending value', () => {
    const result = parseCatalystConfig(`conventions:
  pack: typescript
  rules:
    eslint: off
    prettier:
      enabled: 'yes'
  files:
    README.md: true
`);
    expect(
      result.errors.map(({ line, message }) => ({ line, message })),
    ).toEqual([
      {
        line: 4,
        message: expect.stringMatching(/^conventions\.rules\.eslint: /),
      },
      {
        line: 6,
        message: expect.stringMatching(/^conventions\.rules\.prettier/),
      },
      {
        line: 8,
        message: expect.stringMatching(/^conventions\.files\.README\.md: /),
      },
    ]);
    expect(result.errors.every(error => error.file === 'catalyst.yaml')).toBe(
      true,
    );
  });

  it('points an unknown key at the object that holds it', () => {
    const result = parseCatalystConfig(
      'conventions:\n  pack: go\n  rulez:\n    x: false\n',
    );
    expect(result.errors).toEqual([
      {
        severity: 'error',
        file: 'catalyst.yaml',
        line: 2,
        message: expect.stringContaining('rulez'),
      },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(
      parseCatalystConfig('conventions:\n  pack: go\n  pack: ruby\n').errors,
    ).toEqual([
      {
        severity: 'error',
        file: 'catalyst.yaml',
        line: 3,
        message: 'Map keys must be unique',
      },
    ]);
  });

  it('accepts an empty file', () => {
    expect(parseCatalystConfig('').errors).toEqual([]);
    expect(parseCatalystConfig('# nothing yet\n').overrides).toEqual({});
  });
});

describe('readCatalystConfig', () => {
  it('means no overrides when the file is absent', async () => {
    const dir = createFixtureRepository({ 'go.mod': 'module x\n' });
    const result = await readCatalystConfig(dir);
    expect(result.overrides).toEqual({});
    expect(result.errors).toEqual([]);
  });

  it('reads the file at the repository root', async () => {
    const dir = createFixtureRepository({
      'catalyst.yaml': 'conventions:\n  pack: ruby\n',
    });
    expect((await readCatalystConfig(dir)).overrides).toEqual({ pack: 'ruby' });
  });
});

describe('catalystConfigJsonSchema', () => {
  it('describes the conventions section', () => {
    const schema = catalystConfigJsonSchema() as any;
    expect(
      Object.keys(schema.properties.conventions.properties).sort(),
    ).toEqual(['files', 'ignore', 'pack', 'rules']);
  });
});
