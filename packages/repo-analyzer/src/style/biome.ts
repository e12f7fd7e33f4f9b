import { Checkout } from '../checkout/Checkout';
import { asRecord } from '../checkout/asRecord';
import { StyleRule, StyleSetting, StyleToolFact } from '../types';
import { lineOf, setting, sortRules } from './settingsFromText';

/** Biome's formatter settings (with its defaults) and explicitly configured rules. */
export function detectBiome(
  checkout: Checkout,
  projectDirs: string[],
): StyleToolFact[] {
  const facts: StyleToolFact[] = [];
  for (const dir of projectDirs) {
    const file = ['biome.json', 'biome.jsonc']
      .map(n => (dir ? `${dir}/${n}` : n))
      .find(f => checkout.has(f));
    if (!file) continue;
    const config = asRecord(checkout.readJson(file, true));
    if (!config) continue;
    const text = checkout.readText(file) ?? '';
    const at = (key: string) => ({ file, line: lineOf(text, `"${key}"`) });
    const defaultAt = (key: string) => ({
      file,
      note: `Biome default (${key} not set)`,
    });
    const formatter = asRecord(config.formatter) ?? {};
    const jsFormatter = asRecord(asRecord(config.javascript)?.formatter) ?? {};
    const settings: StyleSetting[] = [];
    const indentStyle = jsFormatter.indentStyle ?? formatter.indentStyle;
    const indentWidth = jsFormatter.indentWidth ?? formatter.indentWidth;
    if (indentStyle === 'space')
      settings.push(
        setting('indent', `${indentWidth ?? 2} spaces`, at('indentStyle')),
      );
    else
      settings.push(
        setting(
          'indent',
          'tabs',
          indentStyle ? at('indentStyle') : defaultAt('indentStyle'),
        ),
      );
    const quoteStyle = jsFormatter.quoteStyle;
    settings.push(
      setting(
        'quotes',
        quoteStyle === 'single' ? 'single' : 'double',
        quoteStyle ? at('quoteStyle') : defaultAt('quoteStyle'),
      ),
    );
    const semicolons = jsFormatter.semicolons;
    settings.push(
      setting(
        'semicolons',
        semicolons === 'asNeeded' ? 'as needed' : 'always',
        semicolons ? at('semicolons') : defaultAt('semicolons'),
      ),
    );
    const lineWidth = jsFormatter.lineWidth ?? formatter.lineWidth;
    settings.push(
      setting(
        'lineLength',
        String(lineWidth ?? 80),
        lineWidth ? at('lineWidth') : defaultAt('lineWidth'),
      ),
    );
    const rules: StyleRule[] = [];
    const groups = asRecord(asRecord(config.linter)?.rules) ?? {};
    for (const [group, value] of Object.entries(groups)) {
      const members = asRecord(value);
      if (!members) continue;
      for (const [rule, level] of Object.entries(members)) {
        const levelText =
          typeof level === 'string'
            ? level
            : JSON.stringify(asRecord(level)?.level ?? level);
        if (levelText === 'off' || levelText === '"off"') continue;
        rules.push({
          name: `${group}/${rule}`,
          value: levelText,
          source: at(rule),
        });
      }
    }
    const presets =
      asRecord(config.linter)?.enabled === false ? [] : ['recommended'];
    facts.push({
      name: 'biome',
      kind: 'format',
      directory: dir,
      config: file,
      presets,
      settings,
      rules: sortRules(rules),
      source: { file },
    });
  }
  return facts;
}
