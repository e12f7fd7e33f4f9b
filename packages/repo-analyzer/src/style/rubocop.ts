import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { StyleRule, StyleSetting, StyleToolFact } from '../types';
import { lineOf, setting, sortRules } from './settingsFromText';

/** What well-known shared RuboCop configs ask for, stated by the preset's own name. */
const PRESET_SETTINGS: Record<string, [string, string][]> = {
  'rubocop-rails-omakase': [['quotes', 'double']],
  standard: [['quotes', 'double']],
};

const COP_MEANINGS: Record<string, string> = {
  'Style/FrozenStringLiteralComment':
    '`# frozen_string_literal: true` at the top of Ruby files',
  'Style/Documentation': 'a documentation comment on every class and module',
  'Style/HashSyntax': 'hash syntax enforced',
  'Rails/I18nLocaleTexts': 'user-facing text through I18n',
  'RSpec/MultipleExpectations': 'one expectation per example',
  'RSpec/NestedGroups': 'limited nesting of example groups',
  'Metrics/MethodLength': 'method length limit',
};

/** RuboCop (and standardrb): presets, plugins and the settings of the cops that shape code. */
export function detectRubocop(checkout: Checkout): StyleToolFact[] {
  const facts: StyleToolFact[] = [];
  const file = '.rubocop.yml';
  const config = checkout.has(file)
    ? asRecord(checkout.readYaml(file))
    : undefined;
  if (config) {
    const text = checkout.readText(file) ?? '';
    const presets = [
      ...Object.keys(asRecord(config.inherit_gem) ?? {}),
      ...(asString(config.inherit_from)
        ? [config.inherit_from as string]
        : asStrings(config.inherit_from)),
      ...(asString(config.require)
        ? [config.require as string]
        : asStrings(config.require)),
      ...(asString(config.plugins)
        ? [config.plugins as string]
        : asStrings(config.plugins)),
    ];
    const settings: StyleSetting[] = [];
    for (const preset of presets) {
      for (const [key, value] of PRESET_SETTINGS[preset] ?? []) {
        settings.push(
          setting(key, value, {
            file,
            line: lineOf(text, preset),
            note: `from the ${preset} preset`,
          }),
        );
      }
    }
    const cop = (name: string) => asRecord(config[name]);
    const strings = cop('Style/StringLiterals');
    if (strings?.EnforcedStyle) {
      const index = settings.findIndex(s => s.key === 'quotes');
      if (index >= 0) settings.splice(index, 1);
      settings.push(
        setting(
          'quotes',
          String(strings.EnforcedStyle).replace('_quotes', ''),
          { file, line: lineOf(text, 'Style/StringLiterals') },
        ),
      );
    }
    const lineLength = cop('Layout/LineLength');
    if (lineLength?.Max !== undefined)
      settings.push(
        setting('lineLength', String(lineLength.Max), {
          file,
          line: lineOf(text, 'Layout/LineLength'),
        }),
      );
    const target = asRecord(config.AllCops)?.TargetRubyVersion;
    if (target !== undefined)
      settings.push(
        setting('targetRuby', String(target), {
          file,
          line: lineOf(text, 'TargetRubyVersion'),
        }),
      );
    const rules: StyleRule[] = [];
    for (const [name, value] of Object.entries(config)) {
      if (!name.includes('/')) continue;
      const options = asRecord(value);
      if (!options || options.Enabled === false) continue;
      rules.push({
        name,
        value: JSON.stringify(options),
        meaning: COP_MEANINGS[name],
        source: { file, line: lineOf(text, `${name}:`) },
      });
    }
    facts.push({
      name: 'rubocop',
      kind: 'lint',
      directory: '',
      config: file,
      presets,
      settings,
      rules: sortRules(rules),
      source: { file },
    });
  } else if (checkout.readText('Gemfile')?.match(/^\s*gem\s+["']rubocop/m)) {
    facts.push({
      name: 'rubocop',
      kind: 'lint',
      directory: '',
      presets: [],
      settings: [],
      rules: [],
      source: checkout.sourceOf('Gemfile', /gem\s+["']rubocop/),
    });
  }
  const standard =
    checkout.has('.standard.yml') ||
    /^\s*gem\s+["']standard["']/m.test(checkout.readText('Gemfile') ?? '');
  if (standard) {
    const source = checkout.has('.standard.yml')
      ? { file: '.standard.yml' }
      : checkout.sourceOf('Gemfile', /gem\s+["']standard["']/);
    facts.push({
      name: 'standardrb',
      kind: 'lint',
      directory: '',
      config: checkout.first('.standard.yml'),
      presets: [],
      settings: [
        setting('quotes', 'double', { ...source, note: 'Standard Ruby style' }),
      ],
      rules: [],
      source,
    });
  }
  return facts;
}
