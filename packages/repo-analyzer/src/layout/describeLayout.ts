import { asRecord, asString } from '../checkout/asRecord';
import { Checkout } from '../checkout/Checkout';
import { readmeSummary } from './readmeSummary';
import { firstSentence, goPackageDoc } from '../go/goModules';
import { isVendoredDirectoryName } from '../checkout/vendoredPaths';
import {
  FactSource,
  LayoutEntryFact,
  TestFrameworkFact,
  WorkspacePackageFact,
} from '../types';

interface LayoutContext {
  isGo: boolean;
  isRails: boolean;
  isNext: boolean;
  isRust: boolean;
  isPython: boolean;
  packages: WorkspacePackageFact[];
  testFrameworks: TestFrameworkFact[];
}

/** What a folder is for, by the documented conventions of the ecosystem in use. */
function conventionalPurpose(
  path: string,
  context: LayoutContext,
): string | undefined {
  const purposes: [boolean, Record<string, string>][] = [
    [
      context.isGo,
      {
        'cmd/': 'main packages, one folder per binary',
        'internal/':
          'private packages (not importable from outside the module)',
        'pkg/': 'library packages importable by other modules',
        'api/': 'API definitions',
        'hack/': 'development scripts',
      },
    ],
    [
      context.isRails,
      {
        'app/': 'application code: models, views, controllers, jobs',
        'config/': 'configuration; routes in `config/routes.rb`',
        'db/': 'migrations (`db/migrate/`) and the generated schema',
        'lib/': 'code outside the app structure; rake tasks in `lib/tasks/`',
      },
    ],
    [
      context.isNext,
      {
        'app/': 'App Router: routes, layouts, route handlers',
        'src/app/': 'App Router: routes, layouts, route handlers',
        'pages/': 'Pages Router routes',
        'src/pages/': 'Pages Router routes',
        'public/': 'static files served from `/`',
      },
    ],
    [
      context.isRust,
      {
        'src/': 'crate source',
        'tests/': 'integration tests',
        'benches/': 'benchmarks',
        'examples/': 'runnable examples',
      },
    ],
    [
      true,
      {
        'prisma/': 'Prisma schema and migrations',
        '.github/': 'CI workflows and templates',
      },
    ],
  ];
  for (const [applies, table] of purposes) {
    if (applies && table[path]) return table[path];
  }
  return undefined;
}

/** The first sentence of a Python package's docstring (`__init__.py`). */
function pythonPackagePurpose(
  checkout: Checkout,
  path: string,
): { text: string; source: FactSource } | undefined {
  const file = `${path}__init__.py`;
  const head = checkout.readHead(file, 2048);
  const doc = head
    ? /^\s*(?:#[^\n]*\n\s*)*[rRuU]?("""|''')\s*([\s\S]*?)\1/.exec(head)
    : null;
  const text = doc?.[2]
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ');
  return text
    ? { text: firstSentence(text), source: { file, line: 1 } }
    : undefined;
}

const EXPANDED = /^(src|cmd|internal|pkg|lib|app)\/$/;

/** What a folder with a manifest of its own is: a Go module, a Node app, a crate. */
function manifestPurpose(
  checkout: Checkout,
  path: string,
): { text: string; source: FactSource } | undefined {
  const goMod = `${path}go.mod`;
  const module = /^module\s+(\S+)/m.exec(checkout.readText(goMod) ?? '')?.[1];
  if (module)
    return {
      text: `Go module \`${module}\``,
      source: { file: goMod, line: 1 },
    };
  const pkg = `${path}package.json`;
  if (checkout.has(pkg)) {
    const json = asRecord(checkout.readJson(pkg));
    const description = asString(json?.description);
    if (description)
      return {
        text: description,
        source: checkout.sourceOf(pkg, /"description"\s*:/),
      };
  }
  for (const manifest of ['Cargo.toml', 'pyproject.toml']) {
    const file = `${path}${manifest}`;
    if (!checkout.has(file)) continue;
    const toml = checkout.readToml(file);
    const description =
      asString(asRecord(toml?.package)?.description) ??
      asString(asRecord(toml?.project)?.description);
    if (description)
      return {
        text: description,
        source: checkout.sourceOf(file, /^description\s*=/),
      };
  }
  return undefined;
}

/**
 * Top-level folders (and the children of `src/`, `cmd/`, `internal/`, `pkg/`)
 * with file counts and a purpose when the repository states one: a package
 * description, a README's first sentence, a Go package comment, or the
 * ecosystem's documented layout.
 */
export function describeLayout(
  checkout: Checkout,
  context: LayoutContext,
): LayoutEntryFact[] {
  const counts = new Map<string, number>();
  for (const file of checkout.files) {
    const parts = file.path.split('/');
    if (parts.length < 2) continue;
    const top = `${parts[0]}/`;
    counts.set(top, (counts.get(top) ?? 0) + 1);
    // Rails' app/ and lib/ children are the framework's own layout, known to every agent.
    if (
      parts.length > 2 &&
      EXPANDED.test(top) &&
      !(context.isRails && (top === 'app/' || top === 'lib/'))
    ) {
      const second = `${parts[0]}/${parts[1]}/`;
      counts.set(second, (counts.get(second) ?? 0) + 1);
    }
  }
  const entries: LayoutEntryFact[] = [];
  for (const [path, files] of [...counts.entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const name = path.split('/').filter(Boolean).pop()!;
    if (
      (name.startsWith('.') && path !== '.github/') ||
      isVendoredDirectoryName(name)
    )
      continue;
    const dir = path.slice(0, -1);
    const pkg = context.packages.find(p => p.path === dir && p.description);
    let purpose: string | undefined;
    let source: FactSource = { file: path, note: `${files} file(s)` };
    const manifest = !pkg ? manifestPurpose(checkout, path) : undefined;
    const readme =
      !pkg && !manifest
        ? readmeSummary(checkout, path) ?? pythonPackagePurpose(checkout, path)
        : undefined;
    const goDoc =
      !pkg && !manifest && !readme && context.isGo
        ? goPackageDoc(checkout, dir)
        : undefined;
    const container = context.packages.some(
      p =>
        p.path.startsWith(path) &&
        p.path.split('/').length === path.split('/').length,
    );
    if (pkg) {
      purpose = pkg.description;
      source = pkg.source;
    } else if (manifest) {
      purpose = manifest.text;
      source = manifest.source;
    } else if (readme) {
      purpose = readme.text;
      source = readme.source;
    } else if (goDoc) {
      purpose = goDoc.text;
      source = { file: goDoc.file, line: goDoc.line };
    } else if (container) {
      purpose = 'workspace packages (listed below)';
      source = { file: path, note: 'folder of workspace packages' };
    } else {
      purpose = conventionalPurpose(path, context);
      if (!purpose) {
        const isTestFolder =
          /^(tests?|spec|e2e|cypress|playwright|__tests__|integration)$/.test(
            name,
          );
        const tests = isTestFolder
          ? context.testFrameworks.find(
              t => t.locations[0] === path && t.files > 0,
            )
          : undefined;
        if (tests)
          purpose = `${tests.e2e ? 'end-to-end ' : ''}tests (${tests.name})`;
      }
      if (
        !purpose &&
        context.isPython &&
        path.split('/').length === 3 &&
        checkout.has(`${path}__init__.py`)
      )
        purpose = `the \`${name}\` Python package`;
      if (purpose)
        source = { file: path, note: "the ecosystem's conventional layout" };
    }
    entries.push({ path, files, purpose, source });
  }
  return entries;
}
