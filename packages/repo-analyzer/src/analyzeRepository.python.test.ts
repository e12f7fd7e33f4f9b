import { FixtureRepo } from './__testUtils__/FixtureRepo';
import { buildPythonLib } from './__testUtils__/pythonLibFixture';
import { analyzeRepository } from './analyzeRepository';
import { generateAgentsMd } from './agentsMd/generateAgentsMd';
import { RepoFacts } from './types';

describe('analyzeRepository on a Python library', () => {
  let repo: FixtureRepo;
  let facts: RepoFacts;

  beforeAll(async () => {
    repo = buildPythonLib();
    facts = await analyzeRepository(repo.root);
  });
  afterAll(() => repo.remove());

  it('finds uv, the Python version and the project description', () => {
    expect(facts.packageManagers).toEqual([
      {
        name: 'uv',
        ecosystem: 'python',
        directory: '',
        lockfile: 'uv.lock',
        source: { file: 'uv.lock' },
      },
    ]);
    expect(facts.runtimes).toEqual([
      {
        name: 'python',
        version: '3.12',
        source: { file: '.python-version', line: 1 },
      },
    ]);
    expect(facts.project).toEqual({
      name: 'acme-client',
      description: 'Typed HTTP client for the Acme API',
      source: { file: 'pyproject.toml', line: 4 },
    });
  });

  it('leaves git-ignored trees (.venv, build) unread', () => {
    const seen = JSON.stringify(facts);
    expect(seen).not.toContain('.venv');
    expect(seen).not.toContain('build/lib');
    expect(facts.testFrameworks[0].files).toBe(2);
  });

  it('runs every tool through uv', () => {
    const byKind = Object.fromEntries(
      facts.commands.map(c => [c.kind, c.command]),
    );
    expect(byKind).toEqual({
      install: 'uv sync',
      test: 'uv run pytest',
      'test-single': 'uv run pytest tests/test_thing.py::test_name',
      lint: 'uv run ruff check .',
      'lint-fix': 'uv run ruff check --fix .',
      format: 'uv run ruff format .',
      'format-check': 'uv run ruff format --check .',
      typecheck: 'uv run mypy src',
      build: 'uv build',
    });
    expect(facts.commands.find(c => c.kind === 'test')?.source).toEqual({
      file: 'pyproject.toml',
      line: 9,
    });
  });

  it('reads Ruff and mypy settings with their lines', () => {
    const ruff = facts.styleTools.find(t => t.name === 'ruff')!;
    expect(ruff.settings).toEqual([
      {
        key: 'lineLength',
        value: '100',
        source: { file: 'pyproject.toml', line: 16 },
      },
      {
        key: 'quotes',
        value: 'single',
        source: { file: 'pyproject.toml', line: 27 },
      },
      {
        key: 'targetPython',
        value: 'py311',
        source: { file: 'pyproject.toml', line: 17 },
      },
      {
        key: 'docstrings',
        value: 'google style',
        source: { file: 'pyproject.toml', line: 24 },
      },
    ]);
    expect(
      ruff.rules.filter(r => r.value === 'selected').map(r => r.name),
    ).toEqual(['E', 'F', 'I', 'B', 'UP', 'D']);
    expect(ruff.rules.find(r => r.value === 'ignored')).toMatchObject({
      name: 'D105',
    });
    expect(facts.styleTools.find(t => t.name === 'mypy')?.settings).toEqual([
      {
        key: 'strict',
        value: 'true',
        source: { file: 'pyproject.toml', line: 30 },
      },
    ]);
  });

  it('generates uv commands and Ruff conventions', () => {
    const lines = generateAgentsMd(facts).content.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'acme-client: Typed HTTP client for the Acme API',
        'Use uv (`uv.lock`) for Python dependencies and commands.',
        '| Install dependencies | `uv sync` |',
        '| One test | `uv run pytest tests/test_thing.py::test_name` |',
        '| Type check | `uv run mypy src` |',
        '- **Formatting**: Ruff formatter: line length 100, single quotes. Run `uv run ruff format .` before committing.',
        '- **Linting**: Ruff (`pyproject.toml`): target py311, google style docstrings, rules `E` pycodestyle errors, `F` pyflakes, `I` sorted imports, `B` bugbear, `UP` pyupgrade, `D` pydocstyle docstrings. Run `uv run ruff check .`.',
        '- **Types**: mypy (`pyproject.toml`): strict.',
        '- **Tests**: pytest in `tests/` as `test_*.py`, using pytest-asyncio.',
        '| `src/acme_client/` | Acme client. |',
      ]),
    );
  });
});
