import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { Checkout } from '../checkout/Checkout';
import { contributingCommands } from './contributingCommands';

describe('contributingCommands', () => {
  let repo: FixtureRepo;
  afterEach(() => repo.remove());

  it("reads the guide's commands from inline code and code blocks, without installs, placeholders or comments", async () => {
    repo = FixtureRepo.create('contributing')
      .write(
        'CONTRIBUTING.md',
        [
          '# Contributing',
          '',
          'Install the tools with `cargo install cargo-insta`, then run `cargo dev generate-all`',
          'after changing options. Review snapshots with `cargo insta review`.',
          '',
          '```sh',
          '$ cargo nextest run -p <crate>',
          'cargo clippy --workspace -- -D warnings # Rust linting',
          'cargo insta review',
          '```',
          '',
          'Plain words like `cargo` alone are not commands.',
          '',
        ].join('\n'),
      )
      .init()
      .commit('initial');
    const commands = contributingCommands(
      await Checkout.open(repo.root),
      'CONTRIBUTING.md',
    );
    expect(commands.map(c => [c.command, c.source.line])).toEqual([
      ['cargo dev generate-all', 3],
      ['cargo insta review', 4],
      ['cargo clippy --workspace -- -D warnings', 8],
    ]);
    expect(
      commands.every(c => c.description === 'from `CONTRIBUTING.md`'),
    ).toBe(true);
  });

  it('reads nothing without a guide', async () => {
    repo = FixtureRepo.create('no-contributing')
      .write('README.md', '# x\n')
      .init()
      .commit('initial');
    expect(
      contributingCommands(await Checkout.open(repo.root), undefined),
    ).toEqual([]);
  });
});
