import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { FactSource, StyleRule, StyleSetting, StyleToolFact } from '../types';
import { RULE_MEANINGS, STYLE_RULES } from './ruleMeanings';
import { lineOf, setting, sortRules } from './settingsFromText';

const FLAT = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];
const LEGACY_DATA = [
  '.eslintrc',
  '.eslintrc.json',
  '.eslintrc.yml',
  '.eslintrc.yaml',
];
const LEGACY_CODE = ['.eslintrc.js', '.eslintrc.cjs'];

function isOff(value: unknown): boolean {
  const level = Array.isArray(value) ? value[0] : value;
  return level === 'off' || level === 0 || level === '0';
}

/** Turns a style rule's options into a setting (`quotes: ['error', 'single']` -> quotes single). */
function styleSetting(
  rule: string,
  value: unknown,
  source: FactSource,
): StyleSetting | undefined {
  const key = STYLE_RULES[rule];
  if (!key || !Array.isArray(value) || value.length < 2) return undefined;
  const option = value[1];
  if (key === 'quotes' && typeof option === 'string')
    return setting('quotes', option, source);
  if (key === 'semicolons' && typeof option === 'string')
    return setting(
      'semicolons',
      option === 'never' ? 'never' : 'always',
      source,
    );
  if (key === 'indent')
    return setting(
      'indent',
      option === 'tab' ? 'tabs' : `${option} spaces`,
      source,
    );
  if (key === 'lineLength') {
    const code = typeof option === 'number' ? option : asRecord(option)?.code;
    return code !== undefined
      ? setting('lineLength', String(code), source)
      : undefined;
  }
  if (key === 'trailingCommas' && typeof option === 'string')
    return setting('trailingCommas', option, source);
  return undefined;
}

/** The messages a `no-restricted-*` rule gives for what it forbids, which are the rule as the team states it. */
function restrictionMessages(text: string): string[] {
  const messages = [
    ...text.matchAll(/\bmessage\s*["']?\s*:\s*(["'`])((?:(?!\1).){8,200})\1/g),
  ].map(m => m[2].replace(/\s+/g, ' ').trim());
  return [...new Set(messages)].slice(0, 3);
}

/** A restriction rule's meaning: its own messages when it has them. */
function restrictionMeaning(name: string, text: string): string | undefined {
  if (!/^no-restricted-|\/no-restricted-/.test(name))
    return RULE_MEANINGS[name];
  const messages = restrictionMessages(text);
  return messages.length > 0
    ? `forbidden (\`${name}\`): ${messages.map(m => `"${m}"`).join('; ')}`
    : RULE_MEANINGS[name];
}

function rulesFromObject(
  file: string,
  text: string,
  rules: Record<string, unknown>,
): { rules: StyleRule[]; settings: StyleSetting[] } {
  const out: StyleRule[] = [];
  const settings: StyleSetting[] = [];
  for (const [name, value] of Object.entries(rules)) {
    if (isOff(value)) continue;
    const source = { file, line: lineOf(text, name) };
    out.push({
      name,
      value: JSON.stringify(value),
      meaning: restrictionMeaning(name, JSON.stringify(value)),
      source,
    });
    const styled = styleSetting(name, value, source);
    if (styled) settings.push(styled);
  }
  return { rules: out, settings };
}

/** Rules written in a config that is code: `'rule-name': 'error'` or `['error', ...]` on one line. */
function rulesFromCode(
  file: string,
  text: string,
): { rules: StyleRule[]; settings: StyleSetting[] } {
  const rules: StyleRule[] = [];
  const settings: StyleSetting[] = [];
  const lines = text.split('\n');
  const pattern =
    /['"]?((?:@[\w-]+\/)?[\w-]+(?:\/[\w-]+)?)['"]?\s*:\s*(\[[^\]]*\]?|['"](?:error|warn|off)['"]|[012])(?=\s*[,}\n]|\s*$)/g;
  lines.forEach((line, index) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    for (const match of line.matchAll(pattern)) {
      const name = match[1];
      const raw = match[2];
      if (
        !/^['"]?(error|warn|off|[012])|^\[\s*['"]?(error|warn|off|[012])/.test(
          raw,
        )
      )
        continue;
      if (/^\[?\s*['"]?(off|0)\b/.test(raw)) continue;
      const source = { file, line: index + 1 };
      rules.push({
        name,
        value: raw.replace(/'/g, '"'),
        // Options over several lines: the messages are read from the rest of the config.
        meaning: restrictionMeaning(name, lines.slice(index).join('\n')),
        source,
      });
      try {
        const styled = styleSetting(
          name,
          JSON.parse(raw.replace(/'/g, '"').replace(/,\s*\]$/, ']')),
          source,
        );
        if (styled) settings.push(styled);
      } catch {
        // Options spread over several lines: the rule is kept, its style setting is not read.
      }
    }
  });
  return { rules, settings };
}

/** Shared configs a code config builds on: `extends` strings, `compat.extends(...)`, imported configs and plugins. */
function presetsFromCode(text: string): string[] {
  const presets = new Set<string>();
  for (const match of text.matchAll(
    /(?:extends\s*[:(]\s*\[?|compat\.extends\()([^\])]*)/g,
  )) {
    for (const s of match[1].matchAll(/['"]([^'"]+)['"]/g)) presets.add(s[1]);
  }
  for (const match of text.matchAll(
    /(?:from\s+|require\()\s*['"]([^'"]+)['"]/g,
  )) {
    const module = match[1];
    if (
      /eslint-config|eslint-plugin|typescript-eslint|@eslint\/js|@next\/eslint|eslint-factory|@backstage\/cli\/config\/eslint/.test(
        module,
      )
    )
      presets.add(module);
  }
  return [...presets].sort();
}

/**
 * ESLint: flat (`eslint.config.*`) and legacy (`.eslintrc*`, package.json
 * `eslintConfig`) configs, read statically: presets, rules that are on, and
 * style rules turned into settings.
 */
export function detectEslint(
  checkout: Checkout,
  projectDirs: string[],
  hasDependency: (name: string) => FactSource | undefined,
): StyleToolFact[] {
  const facts: StyleToolFact[] = [];
  for (const dir of projectDirs) {
    const at = (name: string) => (dir ? `${dir}/${name}` : name);
    const base = {
      name: 'eslint' as const,
      kind: 'lint' as const,
      directory: dir,
    };
    const code = [...FLAT, ...LEGACY_CODE].map(at).find(f => checkout.has(f));
    const data = LEGACY_DATA.map(at).find(f => checkout.has(f));
    const manifest = at('package.json');
    const inManifest = checkout.has(manifest)
      ? asRecord(asRecord(checkout.readJson(manifest))?.eslintConfig)
      : undefined;
    if (code) {
      const text = checkout.readText(code) ?? '';
      const { rules, settings } = rulesFromCode(code, text);
      facts.push({
        ...base,
        config: code,
        presets: presetsFromCode(text),
        settings,
        rules: sortRules(rules),
        source: { file: code },
      });
    } else if (data || inManifest) {
      const file = data ?? manifest;
      const config = data ? asRecord(checkout.readYaml(data)) : inManifest;
      if (!config) continue;
      const text = checkout.readText(file) ?? '';
      const presets = asString(config.extends)
        ? [config.extends as string]
        : asStrings(config.extends);
      const { rules, settings } = rulesFromObject(
        file,
        text,
        asRecord(config.rules) ?? {},
      );
      facts.push({
        ...base,
        config: file,
        presets: presets.sort(),
        settings,
        rules: sortRules(rules),
        source: { file },
      });
    } else if (dir === '') {
      const source = hasDependency('eslint');
      if (
        source &&
        checkout.files.some(f =>
          /(^|\/)(eslint\.config\.\w+|\.eslintrc(\.\w+)?)$/.test(f.path),
        )
      ) {
        facts.push({ ...base, presets: [], settings: [], rules: [], source });
      }
    }
  }
  return facts;
}
