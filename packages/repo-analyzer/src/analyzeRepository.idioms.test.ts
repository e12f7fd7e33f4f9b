import { FixtureRepo } from './__testUtils__/FixtureRepo';
import { analyzeRepository } from './analyzeRepository';
import { generateAgentsMd } from './agentsMd/generateAgentsMd';

describe('analyzeRepository: branch kinds, test helpers, Rust workspaces', () => {
  let repo: FixtureRepo;
  afterEach(() => repo.remove());

  it('names branch kinds, never people or tools, and the default branch', async () => {
    repo = FixtureRepo.create('branches')
      .write('README.md', '# App\n\nApp is a small service.\n')
      .init()
      .commit('initial');
    for (const branch of [
      'feat/login',
      'feat/cart',
      'fix/crash',
      'alex/spike',
      'alex/more',
      'codex/try',
      'codex/again',
    ])
      repo.mergeBranch(branch, [`work on ${branch}`]);
    const { content } = generateAgentsMd(await analyzeRepository(repo.root));
    expect(content).toContain(
      '- **Branches**: the default branch is `main`; branch off it; name topic branches by kind: `feat/`, `fix/`.',
    );
    expect(content).not.toContain('alex/');
    expect(content).not.toContain('codex/');
  });

  it("states a Go project's own test helper, quicktest and golden files refreshed with -update", async () => {
    repo = FixtureRepo.create('go-helpers').write(
      'go.mod',
      'module example.com/site\n\ngo 1.23\n\nrequire (\n\tgithub.com/frankban/quicktest v1.14.6\n\tgithub.com/charmbracelet/x/exp/golden v0.0.0\n)\n',
    );
    for (let i = 0; i < 12; i++)
      repo.write(
        `pkg${i}/pkg${i}_test.go`,
        [
          `package pkg${i}`,
          '',
          'import (',
          '\t"testing"',
          '',
          '\tqt "github.com/frankban/quicktest"',
          '\t"github.com/charmbracelet/x/exp/golden"',
          '\t"example.com/site/sitelib"',
          ')',
          '',
          `func TestThing${i}(t *testing.T) {`,
          '\tb := sitelib.Test(t, files)',
          '\tb.Assert(1, qt.Equals, 1)',
          '\tgolden.RequireEqual(t, []byte("x"))',
          '}',
          '',
        ].join('\n'),
      );
    repo.init().commit('initial');
    const facts = await analyzeRepository(repo.root);
    const go = facts.testFrameworks.find(f => f.name === 'go')!;
    expect(go.helpers).toContain('quicktest (`qt`)');
    expect(go.practices).toEqual(
      expect.arrayContaining([
        'refresh golden files with `go test ./... -update`',
        "the project's own helpers `sitelib.Test` (used across the tests; prefer them to new setup code)",
      ]),
    );
  });

  it('reads a Cargo workspace: nextest, the main binary, crate names, lints and the MSRV', async () => {
    repo = FixtureRepo.create('rust-ws')
      .write(
        'Cargo.toml',
        [
          '[workspace]',
          'members = ["crates/*"]',
          '',
          '[workspace.package]',
          'rust-version = "1.85"',
          '',
          '[workspace.lints.rust]',
          'unsafe_code = "warn"',
          '',
          '[workspace.lints.clippy]',
          'dbg_macro = "warn"',
          'too_many_lines = "allow"',
          '',
        ].join('\n'),
      )
      .write('pyproject.toml', '[project]\nname = "tool"\n')
      .write('.config/nextest.toml', '[profile.default]\n')
      .write(
        '.github/workflows/ci.yml',
        'on: [pull_request]\njobs:\n  lint:\n    steps:\n      - run: cargo clippy --workspace --all-targets --all-features -- -D warnings\n',
      );
    for (const name of [
      'tool',
      'tool_cli',
      'tool_core',
      'tool_db',
      'tool_fs',
      'tool_net',
    ])
      repo
        .write(
          `crates/${name}/Cargo.toml`,
          `[package]\nname = "${name}"\nversion = "0.1.0"\n`,
        )
        .write(
          `crates/${name}/src/${name === 'tool' ? 'main' : 'lib'}.rs`,
          'fn main() {}\n',
        );
    repo.init().commit('initial');
    const { content } = generateAgentsMd(await analyzeRepository(repo.root));
    const lines = content.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '| Run locally | `cargo run --bin tool --` |',
        '| Test | `cargo nextest run --workspace` |',
        '| One test | `cargo nextest run -p <crate> test_name` |',
        '| Lint | `cargo clippy --workspace --all-targets --all-features -- -D warnings` |',
        '- **Crate names**: `tool_*` (5); name a new crate the same way.',
        '- **MSRV**: Rust 1.85 (`rust-version` in `Cargo.toml`); do not use newer language or library features.',
      ]),
    );
    expect(content).toContain(
      'Clippy (`Cargo.toml`): no `unsafe` code (`unsafe_code`), no `dbg!` (`dbg_macro`)',
    );
  });
});
