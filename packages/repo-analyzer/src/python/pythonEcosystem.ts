import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { matchFolders } from '../checkout/matchGlob';
import { EcosystemFacts, emptyEcosystemFacts } from '../EcosystemFacts';
import { KNOWN_LIBRARIES } from '../stack/knownLibraries';
import { summarizeTestFiles } from '../testing/summarizeTestFiles';
import { CommandFact, FactSource, PackageManagerName } from '../types';

/** `requests>=2.0; python_version < "3.8"` -> `requests`. */
function requirementName(requirement: string): string {
  return requirement
    .trim()
    .split(/[\s<>=!~;[(@]/)[0]
    .toLowerCase()
    .replace(/_/g, '-');
}

function runPrefix(manager: PackageManagerName): string {
  switch (manager) {
    case 'uv':
      return 'uv run ';
    case 'poetry':
      return 'poetry run ';
    case 'pdm':
      return 'pdm run ';
    case 'pipenv':
      return 'pipenv run ';
    default:
      return '';
  }
}

/**
 * Python projects: uv, Poetry, PDM, Pipenv or pip; pytest or unittest; the
 * tools declared in pyproject.toml; Django's manage.py; uv workspaces.
 */
export function pythonEcosystem(
  checkout: Checkout,
  allFiles: ReadonlySet<string>,
): EcosystemFacts {
  const facts = emptyEcosystemFacts();
  const pyprojectFile = checkout.first('pyproject.toml');
  const pyproject = pyprojectFile
    ? checkout.readToml(pyprojectFile)
    : undefined;
  const requirements = checkout.files
    .map(f => f.path)
    .filter(p => /^requirements([-_.\w]*)\.(txt|in)$/.test(p));
  const hasPython =
    pyproject ||
    requirements.length > 0 ||
    checkout.has('setup.py') ||
    checkout.has('Pipfile') ||
    checkout.has('setup.cfg');
  if (!hasPython) return facts;
  const project = asRecord(pyproject?.project) ?? {};
  const tool = asRecord(pyproject?.tool) ?? {};
  const poetry = asRecord(tool.poetry);

  let manager: PackageManagerName = 'pip';
  let managerSource: FactSource = {
    file: pyprojectFile ?? requirements[0] ?? 'setup.py',
  };
  if (checkout.has('uv.lock') || tool.uv) {
    manager = 'uv';
    managerSource = checkout.has('uv.lock')
      ? { file: 'uv.lock' }
      : checkout.sourceOf('pyproject.toml', '[tool.uv');
  } else if (checkout.has('poetry.lock') || poetry) {
    manager = 'poetry';
    managerSource = checkout.has('poetry.lock')
      ? { file: 'poetry.lock' }
      : checkout.sourceOf('pyproject.toml', '[tool.poetry');
  } else if (checkout.has('pdm.lock') || tool.pdm) {
    manager = 'pdm';
    managerSource = { file: checkout.first('pdm.lock') ?? 'pyproject.toml' };
  } else if (checkout.has('Pipfile')) {
    manager = 'pipenv';
    managerSource = { file: checkout.first('Pipfile.lock', 'Pipfile')! };
  }
  facts.packageManagers.push({
    name: manager,
    ecosystem: 'python',
    directory: '',
    lockfile: checkout.first(
      'uv.lock',
      'poetry.lock',
      'pdm.lock',
      'Pipfile.lock',
    ),
    source: managerSource,
  });
  const run = runPrefix(manager);
  const command = (
    kind: CommandFact['kind'],
    text: string,
    source: FactSource,
  ): CommandFact => ({
    kind,
    command: text,
    origin: 'derived',
    directory: '',
    source,
  });

  // Every dependency name, from PEP 621, dependency groups, Poetry and requirements files.
  const dependencies = new Map<string, FactSource>();
  const addAll = (names: string[], fallback: FactSource) =>
    names.forEach(n => {
      const name = requirementName(n);
      if (dependencies.has(name)) return;
      const exact = checkout.sourceOf(
        'pyproject.toml',
        new RegExp(
          `(^|["'\\s])${name.replace(
            /[.*+?^${}()|[\]\\]/g,
            '\\$&',
          )}(["'\\s<>=!~;\\[]|$)`,
          'i',
        ),
      );
      dependencies.set(name, exact.line ? exact : fallback);
    });
  const pySource = (needle: string) =>
    checkout.sourceOf('pyproject.toml', needle);
  addAll(asStrings(project.dependencies), pySource('dependencies'));
  for (const list of Object.values(
    asRecord(project['optional-dependencies']) ?? {},
  ))
    addAll(asStrings(list), pySource('optional-dependencies'));
  for (const list of Object.values(
    asRecord(pyproject?.['dependency-groups']) ?? {},
  ))
    addAll(asStrings(list), pySource('dependency-groups'));
  addAll(
    asStrings(asRecord(tool.uv)?.['dev-dependencies']),
    pySource('dev-dependencies'),
  );
  if (poetry) {
    addAll(
      Object.keys(asRecord(poetry.dependencies) ?? {}),
      pySource('[tool.poetry.dependencies]'),
    );
    addAll(
      Object.keys(asRecord(poetry['dev-dependencies']) ?? {}),
      pySource('dev-dependencies'),
    );
    for (const group of Object.values(asRecord(poetry.group) ?? {}))
      addAll(
        Object.keys(asRecord(asRecord(group)?.dependencies) ?? {}),
        pySource('[tool.poetry.group'),
      );
  }
  for (const file of requirements) {
    (checkout.readText(file) ?? '').split('\n').forEach((line, index) => {
      if (line.trim() && !/^\s*(#|-)/.test(line)) {
        const name = requirementName(line);
        if (!dependencies.has(name))
          dependencies.set(name, { file, line: index + 1 });
      }
    });
  }
  for (const [name, source] of [...dependencies].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const known = KNOWN_LIBRARIES.python[name];
    if (known && !facts.stack.some(s => s.name === known.name))
      facts.stack.push({
        name: known.name,
        role: known.role,
        ecosystem: 'python',
        source,
      });
  }

  const optional = asRecord(project['optional-dependencies']) ?? {};
  const groups = asRecord(pyproject?.['dependency-groups']) ?? {};
  let install: string;
  if (manager === 'uv') install = 'uv sync';
  else if (manager === 'poetry') install = 'poetry install';
  else if (manager === 'pdm') install = 'pdm install';
  else if (manager === 'pipenv') install = 'pipenv install --dev';
  else if (pyproject && optional.dev) install = 'pip install -e ".[dev]"';
  else if (pyproject) install = 'pip install -e .';
  else
    install = `pip install -r ${
      requirements.find(r => /dev/.test(r)) ??
      requirements[0] ??
      'requirements.txt'
    }`;
  if (manager === 'uv' && Object.keys(groups).length === 0 && optional.dev)
    install = 'uv sync --extra dev';
  facts.commands.push(command('install', install, managerSource));

  const files = checkout.files.map(f => f.path);
  const testFiles = files.filter(
    p => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p) && !p.startsWith('.'),
  );
  const pytestSource =
    dependencies.get('pytest') ??
    (tool.pytest ? pySource('[tool.pytest') : undefined) ??
    (checkout.has('pytest.ini') ? { file: 'pytest.ini' } : undefined) ??
    (checkout.has('conftest.py') || files.some(p => p.endsWith('/conftest.py'))
      ? { file: files.find(p => p.endsWith('conftest.py'))! }
      : undefined);
  if (pytestSource) {
    const summary = summarizeTestFiles(testFiles, allFiles);
    const helpers = [
      'pytest-asyncio',
      'pytest-mock',
      'hypothesis',
      'pytest-cov',
      'pytest-django',
      'factory-boy',
      'syrupy',
      'respx',
      'inline-snapshot',
      'pytest-recording',
      'vcrpy',
      'dirty-equals',
      'pytest-httpx',
      'pytest-xdist',
      'time-machine',
      'freezegun',
    ].filter(d => dependencies.has(d));
    facts.testFrameworks.push({
      name: 'pytest',
      ecosystem: 'python',
      directory: '',
      e2e: false,
      ...summary,
      helpers,
      config:
        checkout.first('pytest.ini', 'conftest.py') ??
        (tool.pytest ? 'pyproject.toml' : undefined),
      source: pytestSource,
    });
    const location =
      summary.locations[0] && summary.locations[0] !== './'
        ? summary.locations[0]
        : 'tests/';
    facts.commands.push(command('test', `${run}pytest`, pytestSource));
    facts.commands.push(
      command(
        'test-single',
        `${run}pytest ${location}test_thing.py::test_name`,
        { ...pytestSource, note: 'pytest node ids: file::test' },
      ),
    );
  } else if (testFiles.length > 0) {
    const summary = summarizeTestFiles(testFiles, allFiles);
    facts.testFrameworks.push({
      name: 'unittest',
      ecosystem: 'python',
      directory: '',
      e2e: false,
      ...summary,
      helpers: [],
      source: { file: testFiles[0] },
    });
    facts.commands.push(
      command('test', `${run}python -m unittest`, { file: testFiles[0] }),
    );
  }
  if (checkout.has('tox.ini') || tool.tox)
    facts.commands.push(
      command('check', 'tox', {
        file: checkout.first('tox.ini') ?? 'pyproject.toml',
      }),
    );
  if (checkout.has('noxfile.py'))
    facts.commands.push(command('check', 'nox', { file: 'noxfile.py' }));

  const ruff =
    dependencies.get('ruff') ??
    (tool.ruff ? pySource('[tool.ruff') : undefined) ??
    (checkout.first('ruff.toml', '.ruff.toml')
      ? { file: checkout.first('ruff.toml', '.ruff.toml')! }
      : undefined);
  if (ruff) {
    facts.commands.push(command('lint', `${run}ruff check .`, ruff));
    facts.commands.push(command('lint-fix', `${run}ruff check --fix .`, ruff));
    facts.commands.push(command('format', `${run}ruff format .`, ruff));
    facts.commands.push(
      command('format-check', `${run}ruff format --check .`, ruff),
    );
  }
  const black =
    dependencies.get('black') ??
    (tool.black ? pySource('[tool.black') : undefined);
  if (black && !ruff)
    facts.commands.push(command('format', `${run}black .`, black));
  const flake8 =
    dependencies.get('flake8') ??
    (checkout.has('.flake8') ? { file: '.flake8' } : undefined);
  if (flake8 && !ruff)
    facts.commands.push(command('lint', `${run}flake8`, flake8));
  const mypy =
    dependencies.get('mypy') ??
    (tool.mypy ? pySource('[tool.mypy') : undefined) ??
    (checkout.has('mypy.ini') ? { file: 'mypy.ini' } : undefined);
  const packageDir = checkout.hasDirectory('src')
    ? 'src'
    : asString(project.name)?.replace(/-/g, '_') ?? '.';
  if (mypy)
    facts.commands.push(
      command(
        'typecheck',
        `${run}mypy ${checkout.hasDirectory(packageDir) ? packageDir : '.'}`,
        mypy,
      ),
    );
  const pyright =
    dependencies.get('pyright') ??
    (tool.pyright ? pySource('[tool.pyright') : undefined) ??
    (checkout.has('pyrightconfig.json')
      ? { file: 'pyrightconfig.json' }
      : undefined);
  if (pyright && !mypy)
    facts.commands.push(command('typecheck', `${run}pyright`, pyright));
  const build = asRecord(pyproject?.['build-system']);
  if (build) {
    const builders: Partial<Record<PackageManagerName, string>> = {
      uv: 'uv build',
      poetry: 'poetry build',
    };
    facts.commands.push(
      command(
        'build',
        builders[manager] ?? 'python -m build',
        pySource('[build-system]'),
      ),
    );
  }

  if (checkout.has('manage.py')) {
    const python = `${run}python manage.py`;
    facts.commands.push(
      command('dev', `${python} runserver`, { file: 'manage.py' }),
    );
    facts.commands.push(
      command('migrate', `${python} migrate`, { file: 'manage.py' }),
    );
    if (!pytestSource)
      facts.commands.push(
        command('test', `${python} test`, { file: 'manage.py' }),
      );
  }
  if (checkout.has('alembic.ini'))
    facts.commands.push(
      command('migrate', `${run}alembic upgrade head`, { file: 'alembic.ini' }),
    );

  const members = asStrings(asRecord(asRecord(tool.uv)?.workspace)?.members);
  if (members.length > 0) {
    const dirs = checkout.files
      .filter(f => f.path.endsWith('/pyproject.toml'))
      .map(f => f.path.slice(0, -'/pyproject.toml'.length));
    for (const dir of matchFolders(members, dirs)) {
      const member = checkout.readToml(`${dir}/pyproject.toml`);
      const memberProject = asRecord(member?.project) ?? {};
      facts.packages.push({
        name: asString(memberProject.name) ?? dir,
        path: dir,
        ecosystem: 'python',
        description: asString(memberProject.description),
        source: checkout.sourceOf(`${dir}/pyproject.toml`, /^description\s*=/),
      });
    }
  }
  // Sphinx docs with their own requirements: how to build them, apart from the package.
  const docsMakefile = checkout.readText('docs/Makefile');
  if (
    docsMakefile &&
    /sphinx-build/.test(docsMakefile) &&
    checkout.has('docs/requirements.txt')
  )
    facts.commands.push({
      ...command(
        'other',
        'pip install -r docs/requirements.txt && make -C docs html',
        { file: 'docs/Makefile', note: 'Sphinx' },
      ),
      description: 'build the docs (Sphinx) into `docs/_build/html`',
    });
  return facts;
}
