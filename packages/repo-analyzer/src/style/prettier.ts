import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { asRecord } from '../checkout/asRecord';
import { FactSource, StyleSetting, StyleToolFact } from '../types';
import { findAssignments, lineOf, setting } from './settingsFromText';

const DATA_CONFIGS = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.json5',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.toml',
];
const CODE_CONFIGS = [
  '.prettierrc.js',
  '.prettierrc.cjs',
  '.prettierrc.mjs',
  '.prettierrc.ts',
  'prettier.config.js',
  'prettier.config.cjs',
  'prettier.config.mjs',
  'prettier.config.ts',
];
const OPTIONS = [
  'semi',
  'singleQuote',
  'tabWidth',
  'useTabs',
  'printWidth',
  'trailingComma',
  'endOfLine',
  'bracketSpacing',
  'arrowParens',
  'jsxSingleQuote',
];

function settingsFrom(
  options: Record<string, unknown>,
  sourceOf: (key: string) => FactSource,
): StyleSetting[] {
  const settings: StyleSetting[] = [];
  const value = (key: string) => options[key];
  if (value('useTabs') === true || value('useTabs') === 'true')
    settings.push(setting('indent', 'tabs', sourceOf('useTabs')));
  else if (value('tabWidth') !== undefined)
    settings.push(
      setting('indent', `${value('tabWidth')} spaces`, sourceOf('tabWidth')),
    );
  if (value('singleQuote') !== undefined)
    settings.push(
      setting(
        'quotes',
        String(value('singleQuote')) === 'true' ? 'single' : 'double',
        sourceOf('singleQuote'),
      ),
    );
  if (value('semi') !== undefined)
    settings.push(
      setting(
        'semicolons',
        String(value('semi')) === 'false' ? 'never' : 'always',
        sourceOf('semi'),
      ),
    );
  if (value('printWidth') !== undefined)
    settings.push(
      setting(
        'lineLength',
        String(value('printWidth')),
        sourceOf('printWidth'),
      ),
    );
  if (value('trailingComma') !== undefined)
    settings.push(
      setting(
        'trailingCommas',
        String(value('trailingComma')),
        sourceOf('trailingComma'),
      ),
    );
  if (value('endOfLine') !== undefined)
    settings.push(
      setting('endOfLine', String(value('endOfLine')), sourceOf('endOfLine')),
    );
  if (value('arrowParens') !== undefined)
    settings.push(
      setting(
        'arrowParens',
        String(value('arrowParens')),
        sourceOf('arrowParens'),
      ),
    );
  return settings;
}

/** Prettier's own defaults, for options a readable config leaves out. */
function withDefaults(
  settings: StyleSetting[],
  config: string,
): StyleSetting[] {
  const defaults: [string, string][] = [
    ['indent', '2 spaces'],
    ['quotes', 'double'],
    ['semicolons', 'always'],
    ['lineLength', '80'],
  ];
  const out = [...settings];
  for (const [key, value] of defaults) {
    if (!out.some(s => s.key === key))
      out.push(
        setting(key, value, {
          file: config,
          note: 'Prettier default (not set in the config)',
        }),
      );
  }
  return out;
}

/**
 * Prettier and its options, from `.prettierrc*`, `prettier.config.*` or the
 * package.json `prettier` key, in the root and in each Node project folder.
 */
export function detectPrettier(
  checkout: Checkout,
  projectDirs: string[],
  hasDependency: (name: string) => FactSource | undefined,
): StyleToolFact[] {
  const facts: StyleToolFact[] = [];
  for (const dir of projectDirs) {
    const at = (name: string) => (dir ? `${dir}/${name}` : name);
    const dataConfig = DATA_CONFIGS.map(at).find(f => checkout.has(f));
    const codeConfig = CODE_CONFIGS.map(at).find(f => checkout.has(f));
    const manifest = at('package.json');
    const fromManifest = checkout.has(manifest)
      ? asRecord(checkout.readJson(manifest))?.prettier
      : undefined;
    const base: Omit<
      StyleToolFact,
      'settings' | 'presets' | 'config' | 'source'
    > = { name: 'prettier', kind: 'format', directory: dir, rules: [] };
    if (dataConfig) {
      const parsed = dataConfig.endsWith('.toml')
        ? checkout.readToml(dataConfig)
        : checkout.readYaml(dataConfig);
      const options = asRecord(parsed);
      const text = checkout.readText(dataConfig) ?? '';
      if (typeof parsed === 'string') {
        facts.push({
          ...base,
          config: dataConfig,
          presets: [parsed],
          settings: [],
          source: { file: dataConfig, line: 1 },
        });
      } else if (options) {
        const settings = settingsFrom(options, key => ({
          file: dataConfig,
          line: lineOf(text, key),
        }));
        facts.push({
          ...base,
          config: dataConfig,
          presets: [],
          settings: withDefaults(settings, dataConfig),
          source: { file: dataConfig },
        });
      }
    } else if (codeConfig) {
      const text = checkout.readText(codeConfig) ?? '';
      const found = findAssignments(codeConfig, text, OPTIONS);
      const options = Object.fromEntries(
        [...found].map(([k, v]) => [k, v.value]),
      );
      const presets = [
        ...text.matchAll(/(?:require\(|from\s+)['"]([^'"./][^'"]*)['"]/g),
      ]
        .map(m => m[1])
        .filter(
          p => !/^(prettier-plugin|@ianvs\/prettier-plugin|node:)/.test(p),
        );
      const settings = settingsFrom(
        options,
        key => found.get(key)?.source ?? { file: codeConfig },
      );
      facts.push({
        ...base,
        config: codeConfig,
        presets: [...new Set(presets)],
        settings: presets.length
          ? settings
          : withDefaults(settings, codeConfig),
        source: { file: codeConfig },
      });
    } else if (fromManifest !== undefined) {
      const source = checkout.sourceOf(manifest, /"prettier"\s*:/);
      if (typeof fromManifest === 'string') {
        facts.push({
          ...base,
          config: manifest,
          presets: [fromManifest],
          settings: [],
          source,
        });
      } else {
        const options = asRecord(fromManifest) ?? {};
        const settings = settingsFrom(options, key =>
          checkout.sourceOf(manifest, `"${key}"`, /"prettier"\s*:/),
        );
        facts.push({
          ...base,
          config: manifest,
          presets: [],
          settings: withDefaults(settings, manifest),
          source,
        });
      }
    } else if (dir === '' || projectDirs.length === 1) {
      const source = hasDependency('prettier');
      if (source)
        facts.push({
          ...base,
          presets: [],
          settings: withDefaults([], source.file ?? manifest),
          source,
        });
    }
  }
  return facts.map(f => ({
    ...f,
    directory: posix.normalize(f.directory || '.') === '.' ? '' : f.directory,
  }));
}
