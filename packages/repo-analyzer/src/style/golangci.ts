import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { StyleSetting, StyleToolFact } from '../types';
import { lineOf, setting } from './settingsFromText';

const CONFIGS = [
  '.golangci.yml',
  '.golangci.yaml',
  '.golangci.toml',
  '.golangci.json',
];
const FORMATTERS = ['gofmt', 'gofumpt', 'goimports', 'gci', 'golines'];

/**
 * gofmt for every Go module, and golangci-lint (v1 and v2 configs): enabled
 * linters and formatters, line length, import grouping.
 */
export function detectGoStyle(checkout: Checkout): StyleToolFact[] {
  if (
    !checkout.has('go.mod') &&
    !checkout.files.some(f => f.path.endsWith('/go.mod'))
  )
    return [];
  const facts: StyleToolFact[] = [
    {
      name: 'gofmt',
      kind: 'format',
      directory: '',
      presets: [],
      settings: [
        setting('indent', 'tabs', {
          file: checkout.first('go.mod') ?? 'go.mod',
          note: 'gofmt formats all Go code',
        }),
      ],
      rules: [],
      source: { file: checkout.first('go.mod') ?? 'go.mod' },
    },
  ];
  const file = CONFIGS.find(f => checkout.has(f));
  if (!file) return facts;
  const config = asRecord(
    file.endsWith('.toml') ? checkout.readToml(file) : checkout.readYaml(file),
  );
  if (!config) return facts;
  const text = checkout.readText(file) ?? '';
  const linters = asRecord(config.linters) ?? {};
  const formatters = asRecord(config.formatters) ?? {};
  const version =
    asString(config.version) ??
    (typeof config.version === 'number' ? String(config.version) : '1');
  const enabled = [
    ...asStrings(linters.enable),
    ...asStrings(formatters.enable),
  ];
  const settingsBlock =
    asRecord(config['linters-settings']) ?? asRecord(linters.settings) ?? {};
  const formatterSettings = asRecord(formatters.settings) ?? {};
  const settings: StyleSetting[] = [];
  const lineLength =
    asRecord(settingsBlock.lll)?.['line-length'] ??
    asRecord(formatterSettings.golines)?.['max-len'];
  if (lineLength !== undefined)
    settings.push(
      setting('lineLength', String(lineLength), {
        file,
        line: lineOf(text, /line-length|max-len/),
      }),
    );
  const goimports =
    asRecord(settingsBlock.goimports) ?? asRecord(formatterSettings.goimports);
  const localPrefixes =
    asString(goimports?.['local-prefixes']) ??
    asStrings(goimports?.['local-prefixes']).join(',');
  if (localPrefixes)
    settings.push(
      setting('importGroups', `\`${localPrefixes}\` imports grouped last`, {
        file,
        line: lineOf(text, 'local-prefixes'),
      }),
    );
  const presets = [`golangci-lint v${version}`];
  const defaults = asString(linters.default);
  if (defaults) presets.push(`default linters: ${defaults}`);
  if (linters['disable-all'] === true) presets.push('only the enabled linters');
  return [
    ...facts,
    {
      name: 'golangci-lint',
      kind: 'lint',
      directory: '',
      config: file,
      presets,
      settings,
      rules: enabled.sort().map(name => ({
        name,
        value: FORMATTERS.includes(name) ? 'formatter' : 'linter',
        source: {
          file,
          line: lineOf(text, new RegExp(`^\\s*-\\s*${name}\\b`)),
        },
      })),
      source: { file },
    },
  ];
}
