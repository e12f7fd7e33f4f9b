import { Checkout } from '../checkout/Checkout';
import { KNOWN_LIBRARIES, majorVersion } from '../stack/knownLibraries';
import { summarizeTestFiles } from '../testing/summarizeTestFiles';
import { EcosystemFacts, emptyEcosystemFacts } from '../EcosystemFacts';
import { CommandFact, FactSource, TestFrameworkFact } from '../types';
import { readGems } from './gemfile';

/**
 * Bundler, Rails, RSpec or Minitest, and the commands a Ruby project is run
 * with (bin/ binstubs first, `bundle exec` otherwise).
 */
export function rubyEcosystem(
  checkout: Checkout,
  allFiles: ReadonlySet<string>,
): EcosystemFacts {
  const facts = emptyEcosystemFacts();
  const read = readGems(checkout);
  if (!read) return facts;
  const { gems, file } = read;
  const gemSource = (name: string): FactSource | undefined => {
    const gem = gems.get(name);
    if (!gem) return undefined;
    return gem.line > 0
      ? { file, line: gem.line }
      : { file: `${file}.lock`, note: `locked as a dependency of another gem` };
  };
  const lock = checkout.has('Gemfile.lock') ? 'Gemfile.lock' : undefined;
  const bundled = lock
    ? /BUNDLED WITH\s+(\S+)/.exec(checkout.readText(lock) ?? '')?.[1]
    : undefined;
  facts.packageManagers.push({
    name: 'bundler',
    ecosystem: 'ruby',
    directory: '',
    version: bundled,
    lockfile: lock,
    source: { file: lock ?? file },
  });

  const isRails =
    checkout.has('config/application.rb') &&
    (gems.has('rails') || gems.has('railties'));
  const bin = (name: string) =>
    checkout.has(`bin/${name}`) ? `bin/${name}` : undefined;
  const exec = (tool: string) => bin(tool) ?? `bundle exec ${tool}`;
  const command = (
    kind: CommandFact['kind'],
    text: string,
    source: FactSource,
    name?: string,
  ): CommandFact => ({
    kind,
    command: text,
    origin: 'derived',
    name,
    directory: '',
    source,
  });

  facts.commands.push(command('install', 'bundle install', { file }));
  for (const [name, entry] of gems) {
    const known = KNOWN_LIBRARIES.ruby[name];
    if (
      !known ||
      entry.line === 0 ||
      facts.stack.some(s => s.name === known.name)
    )
      continue;
    facts.stack.push({
      name: known.name,
      role: known.role,
      ecosystem: 'ruby',
      version: known.versionless
        ? undefined
        : majorVersion(entry.locked, name === 'rails'),
      source: { file, line: entry.line },
    });
  }
  if (isRails && !facts.stack.some(s => s.name === 'Rails')) {
    const railties = gems.get('railties');
    facts.stack.push({
      name: 'Rails',
      role: 'framework',
      ecosystem: 'ruby',
      version: majorVersion(railties?.locked, true),
      source: { file: 'config/application.rb' },
    });
  }

  const rails = bin('rails') ?? (isRails ? 'bundle exec rails' : undefined);
  if (isRails && rails) {
    const source = { file: bin('rails') ?? 'config/application.rb' };
    if (!bin('dev'))
      facts.commands.push(command('dev', `${rails} server`, source));
    if (
      checkout.hasDirectory('db/migrate') ||
      checkout.has('db/schema.rb') ||
      checkout.has('db/structure.sql')
    ) {
      facts.commands.push(
        command('migrate', `${rails} db:migrate`, {
          file:
            checkout.first('db/schema.rb', 'db/structure.sql') ?? 'db/migrate',
          note: 'Rails migrations',
        }),
      );
    }
  }

  const specFiles = checkout.files
    .map(f => f.path)
    .filter(p => /^spec\/.*_spec\.rb$/.test(p));
  const testFiles = checkout.files
    .map(f => f.path)
    .filter(p => /^test\/.*_test\.rb$/.test(p));
  const helpers = [
    'factory_bot_rails',
    'factory_bot',
    'capybara',
    'shoulda-matchers',
    'webmock',
    'vcr',
    'faker',
    'mocha',
    'minitest-reporters',
    'shoulda-context',
    'capybara-playwright-driver',
    'cuprite',
    'selenium-webdriver',
  ]
    .filter(g => gems.get(g)?.line)
    .map(g => g.replace('_rails', ''));
  if (checkout.hasDirectory('test/fixtures'))
    helpers.push('fixtures (test/fixtures)');
  for (const support of ['test/support', 'spec/support'])
    if (checkout.hasDirectory(support))
      helpers.push(`shared helpers in ${support}/`);
  const rspecSource =
    gemSource('rspec-rails') ??
    gemSource('rspec') ??
    (checkout.has('.rspec') ? { file: '.rspec' } : undefined);
  if (rspecSource || specFiles.length > 0) {
    const summary = summarizeTestFiles(specFiles, allFiles);
    const rspec = exec('rspec');
    facts.testFrameworks.push(
      framework(
        'rspec',
        summary,
        helpers,
        rspecSource ?? { file: specFiles[0] },
        checkout.has('.rspec') ? '.rspec' : undefined,
      ),
    );
    facts.commands.push(
      command('test', rspec, rspecSource ?? { file: 'spec/' }),
    );
    facts.commands.push(
      command('test-single', `${rspec} spec/path/to/thing_spec.rb:12`, {
        ...(rspecSource ?? { file: 'spec/' }),
        note: 'RSpec runs the example at a file:line',
      }),
    );
  }
  if (
    testFiles.length > 0 &&
    (isRails || gems.has('minitest') || !rspecSource)
  ) {
    const summary = summarizeTestFiles(testFiles, allFiles);
    const source = gemSource('minitest') ?? {
      file: testFiles[0],
      note: 'Minitest test files',
    };
    facts.testFrameworks.push(
      framework(
        'minitest',
        summary,
        helpers,
        source,
        checkout.first('test/test_helper.rb'),
      ),
    );
    if (isRails && rails) {
      facts.commands.push(command('test', `${rails} test`, source));
      facts.commands.push(
        command('test-single', `${rails} test test/path/to/thing_test.rb:12`, {
          ...source,
          note: 'rails test runs the test at a file:line',
        }),
      );
      if (checkout.hasDirectory('test/system')) {
        facts.commands.push(
          command('e2e', `${rails} test:system`, { file: 'test/system' }),
        );
        // Rails 7.1 added `test:all`: unit and system tests in one run.
        const [major, minor] = (
          gems.get('railties')?.locked ??
          gems.get('rails')?.locked ??
          ''
        )
          .split('.')
          .map(Number);
        if (major > 7 || (major === 7 && minor >= 1))
          facts.commands.push({
            ...command('other', `${rails} test:all`, {
              file: 'Gemfile.lock',
              note: 'railties 7.1 or later',
            }),
            description: 'all tests, unit and system',
          });
      }
    } else if (checkout.has('Rakefile')) {
      facts.commands.push(
        command('test', 'bundle exec rake test', { file: 'Rakefile' }),
      );
      facts.commands.push(
        command(
          'test-single',
          'bundle exec ruby -Itest test/path/to/thing_test.rb -n test_name',
          source,
        ),
      );
    }
  }
  const rubocopSource =
    gemSource('rubocop') ??
    gemSource('rubocop-rails-omakase') ??
    (checkout.has('.rubocop.yml') ? { file: '.rubocop.yml' } : undefined);
  if (rubocopSource) {
    facts.commands.push(command('lint', exec('rubocop'), rubocopSource));
    facts.commands.push(
      command('lint-fix', `${exec('rubocop')} -a`, rubocopSource),
    );
  }
  const standard = gemSource('standard');
  if (standard) {
    facts.commands.push(command('lint', 'bundle exec standardrb', standard));
    facts.commands.push(
      command('lint-fix', 'bundle exec standardrb --fix', standard),
    );
  }
  const erbLint = gemSource('erb_lint');
  if (erbLint)
    facts.commands.push(
      command('lint', 'bundle exec erb_lint --lint-all', erbLint),
    );
  const brakeman = gemSource('brakeman');
  if (brakeman && !bin('brakeman'))
    facts.commands.push(command('security', 'bundle exec brakeman', brakeman));
  const sorbet = gemSource('sorbet');
  if (sorbet)
    facts.commands.push(command('typecheck', 'bundle exec srb tc', sorbet));
  return facts;
}

function framework(
  name: 'rspec' | 'minitest',
  summary: ReturnType<typeof summarizeTestFiles>,
  helpers: string[],
  source: FactSource,
  config: string | undefined,
): TestFrameworkFact {
  return {
    name,
    ecosystem: 'ruby',
    directory: '',
    e2e: false,
    ...summary,
    helpers: [...new Set(helpers)].sort(),
    config,
    source,
  };
}
