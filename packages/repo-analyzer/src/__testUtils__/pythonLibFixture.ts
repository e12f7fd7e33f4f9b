import { FixtureRepo } from './FixtureRepo';

/** A Python library: uv, pytest, Ruff (line length, quotes, docstrings, rule sets), mypy strict; ignored .venv/ and build output. */
export function buildPythonLib(): FixtureRepo {
  const repo = FixtureRepo.create('pylib').init();
  repo
    .write(
      'pyproject.toml',
      [
        '[project]',
        'name = "acme-client"',
        'version = "0.4.0"',
        'description = "Typed HTTP client for the Acme API"',
        'requires-python = ">=3.11"',
        'dependencies = ["httpx>=0.27", "pydantic>=2"]',
        '',
        '[dependency-groups]',
        'dev = ["pytest>=8", "pytest-asyncio", "ruff>=0.5", "mypy>=1.10"]',
        '',
        '[build-system]',
        'requires = ["hatchling"]',
        'build-backend = "hatchling.build"',
        '',
        '[tool.ruff]',
        'line-length = 100',
        'target-version = "py311"',
        '',
        '[tool.ruff.lint]',
        'select = ["E", "F", "I", "B", "UP", "D"]',
        'ignore = ["D105"]',
        '',
        '[tool.ruff.lint.pydocstyle]',
        'convention = "google"',
        '',
        '[tool.ruff.format]',
        'quote-style = "single"',
        '',
        '[tool.mypy]',
        'strict = true',
        '',
        '[tool.pytest.ini_options]',
        'testpaths = ["tests"]',
        '',
      ].join('\n'),
    )
    .write('uv.lock', 'version = 1\nrequires-python = ">=3.11"\n')
    .write('.python-version', '3.12\n')
    .write('.gitignore', '.venv/\nbuild/\n__pycache__/\n*.egg-info/\n')
    .write('src/acme_client/__init__.py', '"""Acme client."""\n')
    .write('src/acme_client/client.py', '"""HTTP client."""\n')
    .write('tests/conftest.py', 'import pytest\n')
    .write('tests/test_client.py', 'def test_get():\n    pass\n')
    .write('tests/test_models.py', 'def test_parse():\n    pass\n')
    // Ignored trees that must not be read: a virtualenv with its own pyproject and build output.
    .write(
      '.venv/lib/python3.12/site-packages/requests/pyproject.toml',
      '[project]\nname = "requests"\n',
    )
    .write(
      '.venv/lib/python3.12/site-packages/requests/test_x.py',
      'def test_x(): pass\n',
    )
    .write('build/lib/acme_client/client.py', '"""copy"""\n')
    .commit('feat: first client');
  [
    'feat(client): retries',
    'fix(models): parse dates',
    'docs: usage',
    'chore: ruff 0.5',
    'feat(client): timeouts',
    'test: more parsing cases',
    'fix: typing',
    'ci: run mypy',
    'feat(models): orders',
    'refactor(client): session reuse',
  ].forEach((s, i) => repo.commit(s, `src/acme_client/change_${i}.py`));
  return repo;
}
