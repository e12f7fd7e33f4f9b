import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { Checkout } from '../checkout/Checkout';
import { readPolicies } from './readPolicies';

describe('readPolicies', () => {
  let repo: FixtureRepo;
  afterEach(() => repo.remove());

  const policies = async () => readPolicies(await Checkout.open(repo.root));

  it('states the MSRV with the CI job that builds it, and the security channel as SECURITY.md gives it', async () => {
    repo = FixtureRepo.create('policy-rust')
      .write(
        'Cargo.toml',
        '[workspace]\nmembers = ["crates/*"]\n\n[workspace.package]\nrust-version = "1.86"\n',
      )
      .write(
        '.github/workflows/ci.yml',
        'on: [pull_request]\njobs:\n  msrv:\n    steps:\n      - run: cargo +1.86 build\n',
      )
      .write(
        'SECURITY.md',
        '# Security\n\nPlease report vulnerabilities privately to security@example.org.\nDo not open a public issue.\n',
      )
      .write('STYLE.md', '# Style\n')
      .init()
      .commit('initial');
    expect(await policies()).toEqual([
      {
        topic: 'MSRV',
        text: 'Rust 1.86 (`rust-version` in `Cargo.toml`), built in CI by `.github/workflows/ci.yml`; do not use newer language or library features.',
        source: { file: 'Cargo.toml', line: 5 },
      },
      {
        topic: 'Security',
        text: 'report vulnerabilities privately as `SECURITY.md` describes (security@example.org), not in a public issue.',
        source: { file: 'SECURITY.md' },
      },
      {
        topic: 'Guides',
        text: '`STYLE.md`.',
        source: { file: 'STYLE.md' },
      },
    ]);
  });

  it('says only what SECURITY.md says', async () => {
    repo = FixtureRepo.create('policy-security')
      .write('SECURITY.md', '# Security Policy\n\nSee our disclosure page.\n')
      .init()
      .commit('initial');
    expect((await policies())[0].text).toBe(
      'report vulnerabilities as `SECURITY.md` describes.',
    );
  });

  it('reads Kamal deploys, a cgo-free build, sqlc paths and the Rails locale workflow', async () => {
    repo = FixtureRepo.create('policy-app')
      .write('go.mod', 'module example.com/app\n\ngo 1.23\n')
      .write(
        'Taskfile.yaml',
        'version: 3\nenv:\n  CGO_ENABLED: 0\ntasks:\n  build:\n    cmds: [go build .]\n',
      )
      .write(
        'sqlc.yaml',
        'version: "2"\nsql:\n  - engine: sqlite\n    schema: db/migrations\n    queries: db/sql\n    gen:\n      go:\n        out: db\n',
      )
      .write('config/deploy.yml', 'service: app\nimage: acme/app\n')
      .write('bin/kamal', '#!/usr/bin/env ruby\n')
      .write('config/locales/en.yml', 'en:\n  hello: Hello\n')
      .write('config/locales/de.yml', 'de:\n  hello: Hallo\n')
      .write('config/locales/fr.yml', 'fr:\n  hello: Bonjour\n')
      .write(
        'bin/fill-locales',
        '#!/usr/bin/env ruby\nEN_PATH = "config/locales/en.yml"\n',
      )
      .init()
      .commit('initial');
    const byTopic = Object.fromEntries(
      (await policies()).map(p => [p.topic, p.text]),
    );
    expect(byTopic).toEqual({
      Deploys: 'Kamal (`config/deploy.yml`, `bin/kamal deploy`).',
      Build:
        'builds run with `CGO_ENABLED=0` (`Taskfile.yaml`): no cgo dependencies.',
      Database:
        'SQL queries live in `db/sql`; sqlc generates Go code from them into `db` (do not edit it); schema migrations in `db/migrations`.',
      I18n: 'add user-facing strings to `config/locales/en.yml`, then run `bin/fill-locales` to add the keys to the other locales.',
    });
  });

  it('states Lingui translation with its extract script', async () => {
    repo = FixtureRepo.create('policy-lingui')
      .writeJson('package.json', {
        name: 'app',
        scripts: { 'translate:extract': 'lingui extract --clean' },
      })
      .write('lingui.config.ts', 'export default {};\n')
      .init()
      .commit('initial');
    expect(await policies()).toEqual([
      {
        topic: 'I18n',
        text: 'strings are translated with Lingui (`lingui.config.ts`): wrap them in `<Trans>` or the `t` macro, then extract catalogs with the `translate:extract` script.',
        source: { file: 'lingui.config.ts' },
      },
    ]);
  });

  it('states nothing for a repository without such files', async () => {
    repo = FixtureRepo.create('policy-none')
      .write('README.md', '# App\n')
      .init()
      .commit('initial');
    expect(await policies()).toEqual([]);
  });
});
