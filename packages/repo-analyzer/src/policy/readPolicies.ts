import { Checkout } from '../checkout/Checkout';
import { asRecord, asString } from '../checkout/asRecord';
import { PolicyFact } from '../types';

/** Guides a contributor is pointed to, beside CONTRIBUTING: style, architecture, test and upgrade notes. */
const GUIDES = [
  'STYLE.md',
  'STYLEGUIDE.md',
  'docs/STYLE.md',
  'ARCHITECTURE.md',
  'docs/ARCHITECTURE.md',
  'tests/README.md',
  'test/README.md',
  'UPGRADING.md',
  'UPGRADE.md',
  'MIGRATING.md',
];

function msrv(checkout: Checkout): PolicyFact | undefined {
  if (!checkout.has('Cargo.toml')) return undefined;
  const cargo = checkout.readToml('Cargo.toml');
  const version =
    asString(asRecord(asRecord(cargo?.workspace)?.package)?.['rust-version']) ??
    asString(asRecord(cargo?.package)?.['rust-version']);
  if (!version) return undefined;
  // A CI job that builds on the MSRV makes it a checked promise, not a note.
  const job = checkout
    .filesIn('.github/workflows')
    .map(f => f.path)
    .sort()
    .find(p => /\bmsrv\b|rust-version/i.test(checkout.readText(p) ?? ''));
  return {
    topic: 'MSRV',
    text: `Rust ${version} (\`rust-version\` in \`Cargo.toml\`)${
      job ? `, built in CI by \`${job}\`` : ''
    }; do not use newer language or library features.`,
    source: checkout.sourceOf('Cargo.toml', /^rust-version\s*=/),
  };
}

function security(checkout: Checkout): PolicyFact | undefined {
  const file = checkout.first(
    'SECURITY.md',
    '.github/SECURITY.md',
    'docs/SECURITY.md',
  );
  const text = file ? checkout.readText(file) : undefined;
  if (!file || !text) return undefined;
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(text)?.[0];
  const advisories =
    /security\/advisories|private vulnerability reporting|security advisor/i.test(
      text,
    );
  let channel = '';
  if (email) channel = ` (${email})`;
  else if (advisories) channel = ' (GitHub private vulnerability reporting)';
  // Only what the file says: "privately" and "not in a public issue" when it says so.
  const privately =
    /\bprivate(ly)?\b|\bcoordinated\b|\bresponsibl[ey]\b|\bemail\b/i.test(text);
  const notPublic =
    /(do not|don't|never|not)\s+(\w+\s+){0,4}(public|publicly)|public (github )?issues?\b[^.]{0,40}\b(not|never)\b/i.test(
      text,
    );
  return {
    topic: 'Security',
    text: `report vulnerabilities${
      privately ? ' privately' : ''
    } as \`${file}\` describes${channel}${
      notPublic ? ', not in a public issue' : ''
    }.`,
    source: { file },
  };
}

function kamal(checkout: Checkout): PolicyFact | undefined {
  const file = 'config/deploy.yml';
  const text = checkout.has(file) ? checkout.readText(file) : undefined;
  if (!text || !/^service:/m.test(text) || !/^image:/m.test(text))
    return undefined;
  return {
    topic: 'Deploys',
    text: `Kamal (\`${file}\`${
      checkout.has('bin/kamal') ? ', `bin/kamal deploy`' : ''
    }).`,
    source: { file },
  };
}

function cgo(checkout: Checkout): PolicyFact | undefined {
  if (!checkout.has('go.mod')) return undefined;
  for (const file of [
    'Taskfile.yml',
    'Taskfile.yaml',
    'Makefile',
    '.goreleaser.yml',
    '.goreleaser.yaml',
  ]) {
    const text = checkout.has(file) ? checkout.readText(file) : undefined;
    if (text && /\bCGO_ENABLED\s*[:=]\s*["']?0\b/.test(text))
      return {
        topic: 'Build',
        text: `builds run with \`CGO_ENABLED=0\` (\`${file}\`): no cgo dependencies.`,
        source: checkout.sourceOf(file, /CGO_ENABLED/),
      };
  }
  return undefined;
}

function sqlc(checkout: Checkout): PolicyFact | undefined {
  const file = checkout.first('sqlc.yaml', 'sqlc.yml', 'sqlc.json');
  if (!file) return undefined;
  const config = asRecord(
    file.endsWith('.json')
      ? JSON.parse(checkout.readText(file) ?? '{}')
      : checkout.readYaml(file),
  );
  const sql = Array.isArray(config?.sql) ? config!.sql : [];
  const first = asRecord(sql[0]);
  const queries = asString(first?.queries);
  const schema = asString(first?.schema);
  const out = asString(asRecord(asRecord(first?.gen)?.go)?.out);
  if (!queries || !out) return undefined;
  return {
    topic: 'Database',
    text: `SQL queries live in \`${queries}\`; sqlc generates Go code from them into \`${out}\` (do not edit it)${
      schema ? `; schema migrations in \`${schema}\`` : ''
    }.`,
    source: { file },
  };
}

/** Where user-facing strings go and how the other locales follow: Rails locale files, Lingui catalogs. */
function i18n(checkout: Checkout): PolicyFact | undefined {
  const railsSource = 'config/locales/en.yml';
  const locales = checkout
    .filesIn('config/locales')
    .filter(f => /\.ya?ml$/.test(f.path));
  if (checkout.has(railsSource) && locales.length >= 3) {
    // A script of the project that reads the English file and writes the others.
    const filler = checkout
      .filesIn('bin')
      .concat(checkout.filesIn('script'))
      .map(f => f.path)
      .sort()
      .find(p => (checkout.readText(p) ?? '').includes(railsSource));
    let then = '';
    if (filler)
      then = `, then run \`${filler}\` to add the keys to the other locales`;
    else if (checkout.has('config/i18n-tasks.yml'))
      then =
        ', then run `bundle exec i18n-tasks normalize` (`config/i18n-tasks.yml`)';
    return {
      topic: 'I18n',
      text: `add user-facing strings to \`${railsSource}\`${then}.`,
      source: { file: filler ?? railsSource },
    };
  }
  const lingui = checkout.first(
    'lingui.config.ts',
    'lingui.config.js',
    '.linguirc',
  );
  if (lingui) {
    const pkg = asRecord(
      checkout.has('package.json')
        ? JSON.parse(checkout.readText('package.json') ?? '{}')
        : undefined,
    );
    const scripts = asRecord(pkg?.scripts) ?? {};
    const extract = Object.keys(scripts)
      .sort()
      .find(name => /\blingui extract\b/.test(asString(scripts[name]) ?? ''));
    return {
      topic: 'I18n',
      text: `strings are translated with Lingui (\`${lingui}\`): wrap them in \`<Trans>\` or the \`t\` macro${
        extract ? `, then extract catalogs with the \`${extract}\` script` : ''
      }.`,
      source: { file: lingui },
    };
  }
  return undefined;
}

/**
 * Project policy that files in the repository state: the MSRV and the CI job
 * that holds it, how to report a vulnerability, where deploys are described,
 * build constraints, where generated SQL code comes from, and the guides a
 * contributor is pointed to.
 */
export function readPolicies(checkout: Checkout): PolicyFact[] {
  const facts = [msrv, security, kamal, cgo, sqlc, i18n]
    .map(read => {
      try {
        return read(checkout);
      } catch (error) {
        checkout.diagnostics.push({
          severity: 'warning',
          message: `could not read project policy: ${(error as Error).message}`,
        });
        return undefined;
      }
    })
    .filter((f): f is PolicyFact => Boolean(f));
  const guides = GUIDES.filter(g => checkout.has(g));
  if (guides.length > 0)
    facts.push({
      topic: 'Guides',
      text: `${guides.map(g => `\`${g}\``).join(', ')}.`,
      source: { file: guides[0] },
    });
  return facts;
}
