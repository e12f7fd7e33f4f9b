import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { Checkout } from '../checkout/Checkout';
import { findIdioms } from './findIdioms';

const SHA = 'a'.repeat(40);

function cobraCommand(name: string): string {
  const title = name[0].toUpperCase() + name.slice(1);
  return [
    `package ${name}`,
    '',
    'import "github.com/spf13/cobra"',
    '',
    `func NewCmd${title}(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {`,
    `\treturn &cobra.Command{Use: "${name}"}`,
    '}',
    '',
  ].join('\n');
}

describe('findIdioms', () => {
  let repo: FixtureRepo;
  afterEach(() => repo.remove());

  const idioms = async () => findIdioms(await Checkout.open(repo.root));

  it('finds where cobra commands live and the constructor they share', async () => {
    repo = FixtureRepo.create('idioms-cobra').write(
      'go.mod',
      'module example.com/cli\n\ngo 1.23\n\nrequire github.com/spf13/cobra v1.8.0\n',
    );
    for (const name of ['issue', 'pr', 'repo', 'release'])
      repo.write(`pkg/cmd/${name}/${name}.go`, cobraCommand(name));
    repo.init().commit('initial');
    expect(await idioms()).toEqual([
      {
        topic: 'CLI commands',
        text: 'each command is a `cobra.Command` in `pkg/cmd/` (4 of 4 files that define one), built by a constructor `func NewCmdX(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command`; add a new command there the same way.',
        source: { file: 'pkg/cmd/issue/issue.go' },
      },
    ]);
  });

  it('finds the error class the code throws and modules paired with a types file', async () => {
    repo = FixtureRepo.create('idioms-ts').write(
      'packages/lib/errors/app-error.ts',
      'export class AppError extends Error {\n  code = "UNKNOWN";\n}\n',
    );
    for (let i = 0; i < 60; i++)
      repo.write(
        `packages/lib/server/thing-${i}.ts`,
        i % 2 === 0
          ? `import { AppError } from '../errors/app-error';\nexport const f${i} = () => { throw new AppError(); };\n`
          : `export const f${i} = ${i};\n`,
      );
    for (const route of [
      'create-team',
      'delete-team',
      'get-team',
      'find-teams',
      'update-team',
    ]) {
      repo.write(
        `packages/trpc/server/team-router/${route}.ts`,
        'export {};\n',
      );
      repo.write(
        `packages/trpc/server/team-router/${route}.types.ts`,
        'export {};\n',
      );
      repo.write(
        `packages/trpc/server/user-router/${route}.ts`,
        'export {};\n',
      );
      repo.write(
        `packages/trpc/server/user-router/${route}.types.ts`,
        'export {};\n',
      );
    }
    repo.init().commit('initial');
    expect(await idioms()).toEqual([
      {
        topic: 'Errors',
        text: "throw the project's `AppError` (`packages/lib/errors/app-error.ts`), used across the code, rather than a bare `Error`.",
        source: { file: 'packages/lib/errors/app-error.ts', line: 1 },
      },
      {
        topic: 'Modules',
        text: 'in `packages/trpc/server/`, each module is one file with its input and output types in a sibling `*.types.ts` (`packages/trpc/server/team-router/create-team.ts` and `packages/trpc/server/team-router/create-team.types.ts`, 10 pairs).',
        source: {
          file: 'packages/trpc/server/team-router/create-team.types.ts',
        },
      },
    ]);
  });

  it('states the hardening every workflow repeats, and the linter that audits them', async () => {
    repo = FixtureRepo.create('idioms-ci');
    for (const name of ['ci', 'lint', 'release'])
      repo.write(
        `.github/workflows/${name}.yml`,
        [
          'on: [pull_request]',
          'permissions: {}',
          'jobs:',
          '  run:',
          '    steps:',
          `      - uses: actions/checkout@${SHA} # v4`,
          '        with:',
          '          persist-credentials: false',
          `      - uses: actions/setup-node@${SHA} # v4`,
          name === 'lint' ? '      - run: zizmor .' : '      - run: make test',
          '',
        ].join('\n'),
      );
    repo.init().commit('initial');
    expect(await idioms()).toEqual([
      {
        topic: 'CI workflows',
        text: 'every workflow in `.github/workflows/` does it, so a new one must too: pin every action to a full commit SHA (`uses: owner/action@<sha> # vX`); check out with `persist-credentials: false`; declare least-privilege `permissions:` in each workflow; zizmor audits them.',
        source: { file: '.github/workflows/ci.yml' },
      },
    ]);
  });

  it('leaves weak evidence out: two commands, a rarely used error class, tag-pinned actions', async () => {
    repo = FixtureRepo.create('idioms-weak')
      .write(
        'go.mod',
        'module example.com/cli\n\ngo 1.23\n\nrequire github.com/spf13/cobra v1.8.0\n',
      )
      .write('cmd/a/a.go', cobraCommand('a'))
      .write('cmd/b/b.go', cobraCommand('b'))
      .write('src/errors.ts', 'export class OddError extends Error {}\n');
    for (let i = 0; i < 60; i++)
      repo.write(`src/module-${i}.ts`, `export const v${i} = ${i};\n`);
    for (const name of ['a', 'b', 'c'])
      repo.write(
        `.github/workflows/${name}.yml`,
        'on: [push]\njobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-go@v5\n',
      );
    repo.init().commit('initial');
    expect(await idioms()).toEqual([]);
  });
});
