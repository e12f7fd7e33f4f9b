import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { spread } from '../checkout/spread';
import { EcosystemFacts, emptyEcosystemFacts } from '../EcosystemFacts';
import { KNOWN_LIBRARIES, majorVersion } from '../stack/knownLibraries';
import { summarizeTestFiles } from '../testing/summarizeTestFiles';
import { CommandFact, FactSource } from '../types';
import { goPackageDoc, isMainPackage, readGoModules } from './goModules';

/** Enough test files to judge a habit by, without reading thousands. */
const SAMPLED_TEST_FILES = 400;

/**
 * How the Go tests are written, from the first 8 KB of (up to 400) test
 * files: table-driven subtests, parallel tests, an `-update` flag for golden files.
 */
/** Golden-file libraries whose tests take `-update` to rewrite the golden files. */
const GOLDEN_LIBRARIES =
  /"(github\.com\/charmbracelet\/x\/exp\/golden|gotest\.tools\/v3\/golden|github\.com\/sebdah\/goldie[^"]*)"/;

/** Names of a package's own test helpers: `hugolib.Test`, `iostreams.Test`, `httpmock.Registry`. */
const HELPER_NAME = /^(Test|New\w*Test\w*|Fake\w*|Mock\w*|Stub\w*|Registry)$/;

/**
 * How the tests are written: table-driven subtests, `t.Parallel()`, golden
 * files refreshed with `-update`, and the project's own helpers that many
 * tests call (a function named `Test` or `Fake...` in one of its packages,
 * or any function of a test-support package such as `httpmock`).
 */
function goTestPractices(
  checkout: Checkout,
  testFiles: string[],
  modulePath: string,
): string[] {
  const sample = spread(testFiles, SAMPLED_TEST_FILES);
  let tables = 0;
  let parallel = 0;
  let update = false;
  const helperFiles = new Map<string, number>();
  for (const file of sample) {
    const head = checkout.readHead(file, 8192) ?? '';
    if (/\[\]struct\s*\{/.test(head) && /\bt\.Run\(/.test(head)) tables++;
    if (/\bt\.Parallel\(\)/.test(head)) parallel++;
    if (/flag\.Bool\(\s*"update"/.test(head) || GOLDEN_LIBRARIES.test(head))
      update = true;
    const own = new Map<string, string>();
    for (const match of head.matchAll(/^\s*(?:(\w+)\s+)?"([^"]+)"\s*$/gm)) {
      const path = match[2];
      if (!modulePath || !path.startsWith(`${modulePath}/`)) continue;
      own.set(match[1] ?? path.split('/').pop()!, path);
    }
    const seen = new Set<string>();
    for (const call of head.matchAll(/\b([a-z]\w*)\.([A-Z]\w*)\(/g)) {
      const path = own.get(call[1]);
      if (!path) continue;
      const testSupport = /(^|\/)(\w*test\w*|\w*mock\w*|\w*fake\w*)$/.test(
        path,
      );
      if (!HELPER_NAME.test(call[2]) && !testSupport) continue;
      seen.add(`${call[1]}.${call[2]}`);
    }
    for (const helper of seen)
      helperFiles.set(helper, (helperFiles.get(helper) ?? 0) + 1);
  }
  const practices: string[] = [];
  if (sample.length > 0 && tables / sample.length >= 0.3)
    practices.push('table-driven tests with `t.Run` subtests');
  if (sample.length > 0 && parallel / sample.length >= 0.3)
    practices.push('`t.Parallel()` in tests');
  if (update)
    practices.push('refresh golden files with `go test ./... -update`');
  const helpers = [...helperFiles.entries()]
    .filter(([, n]) => n >= Math.max(8, sample.length * 0.08))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3);
  if (helpers.length > 0)
    practices.push(
      `the project's own helpers ${helpers
        .map(([name]) => `\`${name}\``)
        .join(', ')} (used across the tests; prefer them to new setup code)`,
    );
  return practices;
}

/**
 * Go modules: the go toolchain commands, test files and helpers, the main
 * packages under cmd/, `go:generate` directives, and key dependencies.
 */
export function goEcosystem(
  checkout: Checkout,
  allFiles: ReadonlySet<string>,
): EcosystemFacts {
  const facts = emptyEcosystemFacts();
  const modules = readGoModules(checkout);
  if (modules.length === 0) return facts;
  const root = modules.find(m => m.dir === '') ?? modules[0];
  const cd = root.dir ? `cd ${root.dir} && ` : '';
  const command = (
    kind: CommandFact['kind'],
    text: string,
    source: FactSource,
  ): CommandFact => ({
    kind,
    command: `${cd}${text}`,
    origin: 'derived',
    directory: root.dir,
    source,
  });
  const modSource = { file: root.file, line: 1 };

  for (const module of modules) {
    facts.packageManagers.push({
      name: 'go',
      ecosystem: 'go',
      directory: module.dir,
      lockfile: checkout.first(posix.join(module.dir, 'go.sum')),
      source: { file: module.file, line: 1 },
    });
    if (modules.length > 1 || checkout.has('go.work')) {
      const doc = goPackageDoc(checkout, module.dir);
      facts.packages.push({
        name: module.path,
        path: module.dir,
        ecosystem: 'go',
        description: doc?.text,
        source: doc
          ? { file: doc.file, line: doc.line }
          : { file: module.file, line: 1 },
      });
    }
    for (const [path, required] of module.requires) {
      const known = KNOWN_LIBRARIES.go[path];
      if (known && !facts.stack.some(s => s.name === known.name)) {
        facts.stack.push({
          name: known.name,
          role: known.role,
          ecosystem: 'go',
          version: majorVersion(required.version),
          source: { file: module.file, line: required.line },
        });
      }
    }
  }

  const goFiles = checkout.files
    .map(f => f.path)
    .filter(
      p => p.endsWith('.go') && p.startsWith(root.dir ? `${root.dir}/` : ''),
    );
  const testFiles = goFiles.filter(p => p.endsWith('_test.go'));
  facts.commands.push(command('build', 'go build ./...', modSource));
  facts.commands.push(command('install', 'go mod download', modSource));
  // With golangci-lint configured, it is the linter (and runs govet itself).
  const golangci = [
    '.golangci.yml',
    '.golangci.yaml',
    '.golangci.toml',
    '.golangci.json',
  ].some(f => checkout.has(f));
  if (!golangci)
    facts.commands.push(command('lint', 'go vet ./...', modSource));
  facts.commands.push(
    command('format', 'gofmt -w .', {
      ...modSource,
      note: 'gofmt is the Go formatter',
    }),
  );
  if (testFiles.length > 0) {
    const summary = summarizeTestFiles(testFiles, allFiles, root.dir);
    const helpers = facts.stack
      .filter(s => s.role.startsWith('test'))
      .map(s => s.name);
    if (
      testFiles.some(
        p =>
          p.includes('/testdata/') ||
          checkout.hasDirectory(posix.join(posix.dirname(p), 'testdata')),
      )
    )
      helpers.push('testdata/ fixtures');
    const ginkgo = facts.stack.some(s => s.name === 'Ginkgo');
    facts.testFrameworks.push({
      name: 'go',
      ecosystem: 'go',
      directory: root.dir,
      e2e: false,
      ...summary,
      practices: [
        ...goTestPractices(checkout, testFiles, root.path),
        ...summary.practices,
      ],
      helpers: helpers.sort(),
      source: {
        file: testFiles[0],
        note: `${testFiles.length} _test.go file(s)`,
      },
    });
    facts.commands.push(
      command('test', 'go test ./...', { file: testFiles[0], note: 'go test' }),
    );
    const dirs = new Map<string, number>();
    for (const file of testFiles) {
      const top = file.slice(root.dir ? root.dir.length + 1 : 0).split('/');
      const key = top.length > 1 ? top[0] : '.';
      dirs.set(key, (dirs.get(key) ?? 0) + 1);
    }
    const topDir = [...dirs.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0][0];
    const pkg = topDir === '.' ? '.' : `./${topDir}/...`;
    facts.commands.push(
      command(
        'test-single',
        ginkgo
          ? `go test ${pkg} --ginkgo.focus "spec text"`
          : `go test ${pkg} -run TestName`,
        {
          file: testFiles[0],
          note: 'go test -run takes a regular expression over test names',
        },
      ),
    );
  }

  const generateDirective = goFiles.find(p =>
    /^\/\/go:generate\s/m.test(checkout.readHead(p, 4096) ?? ''),
  );
  if (generateDirective)
    facts.commands.push(
      command(
        'generate',
        'go generate ./...',
        checkout.sourceOf(generateDirective, '//go:generate'),
      ),
    );

  const cmdDir = root.dir ? `${root.dir}/cmd` : 'cmd';
  const mains = checkout.folders.filter(
    d =>
      d.startsWith(`${cmdDir}/`) &&
      d.split('/').length === cmdDir.split('/').length + 1 &&
      isMainPackage(checkout, d),
  );
  if (mains.length > 0) {
    const main = mains[0];
    facts.commands.push(
      command(
        'dev',
        `go run ./${main.slice(root.dir ? root.dir.length + 1 : 0)}`,
        { file: `${main}/`, note: 'main package' },
      ),
    );
  } else if (isMainPackage(checkout, root.dir)) {
    facts.commands.push(
      command('dev', 'go run .', {
        file: root.file,
        note: 'main package at the module root',
      }),
    );
  }
  return facts;
}
