import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { matchFolders } from '../checkout/matchGlob';
import { EcosystemFacts, emptyEcosystemFacts } from '../EcosystemFacts';
import { KNOWN_LIBRARIES, majorVersion } from '../stack/knownLibraries';
import { summarizeTestFiles } from '../testing/summarizeTestFiles';
import { CommandFact, FactSource } from '../types';

/** Cargo packages and workspaces: cargo commands, crates with descriptions, key crates. */
export function rustEcosystem(
  checkout: Checkout,
  allFiles: ReadonlySet<string>,
): EcosystemFacts {
  const facts = emptyEcosystemFacts();
  const manifest = checkout.has('Cargo.toml')
    ? checkout.readToml('Cargo.toml')
    : undefined;
  if (!manifest) return facts;
  facts.packageManagers.push({
    name: 'cargo',
    ecosystem: 'rust',
    directory: '',
    lockfile: checkout.first('Cargo.lock'),
    source: { file: 'Cargo.toml' },
  });
  const command = (
    kind: CommandFact['kind'],
    line: string,
    source: FactSource,
  ): CommandFact => ({
    kind,
    command: line,
    origin: 'derived',
    directory: '',
    source,
  });
  const source = { file: 'Cargo.toml' };
  const workspace = asRecord(manifest.workspace);
  const members = asStrings(workspace?.members);
  const crateManifests = checkout.files
    .filter(f => f.path.endsWith('/Cargo.toml'))
    .map(f => f.path.slice(0, -'/Cargo.toml'.length));
  const crates: {
    dir: string;
    file: string;
    manifest: Record<string, unknown>;
  }[] = [];
  if (asRecord(manifest.package))
    crates.push({ dir: '', file: 'Cargo.toml', manifest });
  for (const dir of matchFolders(members, crateManifests)) {
    const crate = checkout.readToml(`${dir}/Cargo.toml`);
    if (crate) crates.push({ dir, file: `${dir}/Cargo.toml`, manifest: crate });
  }
  for (const crate of crates) {
    const pkg = asRecord(crate.manifest.package) ?? {};
    if (workspace && crate.dir) {
      facts.packages.push({
        name: asString(pkg.name) ?? crate.dir,
        path: crate.dir,
        ecosystem: 'rust',
        description: asString(pkg.description),
        source: checkout.sourceOf(crate.file, /^description\s*=/),
      });
    }
    for (const table of ['dependencies', 'dev-dependencies']) {
      for (const [name, spec] of Object.entries(
        asRecord(crate.manifest[table]) ?? {},
      )) {
        const known = KNOWN_LIBRARIES.rust[name];
        if (!known || facts.stack.some(s => s.name === known.name)) continue;
        const version = asString(spec) ?? asString(asRecord(spec)?.version);
        facts.stack.push({
          name: known.name,
          role: known.role,
          ecosystem: 'rust',
          version: majorVersion(version),
          source: checkout.sourceOf(crate.file, new RegExp(`^${name}\\s*=`)),
        });
      }
    }
  }
  const testFiles = checkout.files
    .map(f => f.path)
    .filter(p => /(^|\/)tests\/([\w-]+\/)*[\w-]+\.rs$/.test(p))
    .filter(p => !/\/(fixtures?|snapshots|data)\//.test(p));
  const summary = summarizeTestFiles(testFiles, allFiles);
  // The folder that holds most integration tests (`crates/uv/tests/it/`).
  const byFolder = new Map<string, number>();
  for (const file of testFiles) {
    const at = file.lastIndexOf('tests/');
    const folder = file.slice(0, at + 'tests/'.length);
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
  }
  const [mainFolder, mainCount] = [...byFolder.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0] ?? ['', 0];
  const nextestConfig = checkout.first('.config/nextest.toml', '.nextest.toml');
  // Stated only when one folder holds most of them: otherwise tests go with the crate they test.
  const practices =
    mainCount >= 10 && mainCount > testFiles.length / 2
      ? [
          `most integration tests live in \`${mainFolder}\` (${mainCount} of ${testFiles.length} files)`,
        ]
      : [];
  facts.testFrameworks.push({
    name: 'cargo',
    ecosystem: 'rust',
    directory: '',
    e2e: false,
    ...summary,
    practices: [
      ...summary.practices,
      ...practices,
      ...(nextestConfig
        ? [`run with \`cargo nextest run\` (\`${nextestConfig}\`)`]
        : []),
    ],
    helpers: facts.stack.filter(s => /tests/.test(s.role)).map(s => s.name),
    source: {
      file: 'Cargo.toml',
      note: 'unit tests in #[cfg(test)] modules, integration tests in tests/',
    },
  });
  const all = workspace ? ' --workspace' : '';
  facts.commands.push(command('build', `cargo build${all}`, source));
  // cargo-nextest, when the repository configures it, is how its tests run.
  const nextest = nextestConfig;
  const runner = nextest ? 'cargo nextest run' : 'cargo test';
  const testSource = nextest ? { file: nextest } : source;
  facts.commands.push(command('test', `${runner}${all}`, testSource));
  facts.commands.push(
    command(
      'test-single',
      workspace ? `${runner} -p <crate> test_name` : `${runner} test_name`,
      { ...testSource, note: `${runner} filters tests by name` },
    ),
  );
  // The workspace's main binary: the crate named like the project (its
  // folder, or the Python package that ships it, as maturin projects do).
  const pyproject = checkout.has('pyproject.toml')
    ? checkout.readToml('pyproject.toml')
    : undefined;
  const projectNames = new Set(
    [checkout.name, asString(asRecord(pyproject?.project)?.name)].filter(
      Boolean,
    ),
  );
  const binary = crates.find(
    c =>
      c.dir &&
      projectNames.has(asString(asRecord(c.manifest.package)?.name) ?? '') &&
      (checkout.has(`${c.dir}/src/main.rs`) || Array.isArray(c.manifest.bin)),
  );
  if (binary)
    facts.commands.push(
      command(
        'dev',
        `cargo run --bin ${asString(
          asRecord(binary.manifest.package)?.name,
        )} --`,
        {
          file: binary.file,
        },
      ),
    );
  facts.commands.push(
    command('lint', `cargo clippy${all} --all-targets`, source),
  );
  facts.commands.push(command('format', 'cargo fmt --all', source));
  facts.commands.push(
    command('format-check', 'cargo fmt --all --check', source),
  );
  return facts;
}
