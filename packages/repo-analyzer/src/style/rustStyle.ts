import { Checkout } from '../checkout/Checkout';
import { StyleSetting, StyleToolFact } from '../types';
import { lineOf, setting } from './settingsFromText';

/** rustfmt (with rustfmt.toml settings) and clippy (clippy.toml or `[lints.clippy]`). */
export function detectRustStyle(checkout: Checkout): StyleToolFact[] {
  if (!checkout.has('Cargo.toml')) return [];
  const facts: StyleToolFact[] = [];
  const file = checkout.first('rustfmt.toml', '.rustfmt.toml');
  const settings: StyleSetting[] = [];
  if (file) {
    const config = checkout.readToml(file) ?? {};
    const text = checkout.readText(file) ?? '';
    const at = (key: string) => ({ file, line: lineOf(text, key) });
    if (config.max_width !== undefined)
      settings.push(
        setting('lineLength', String(config.max_width), at('max_width')),
      );
    if (config.hard_tabs === true)
      settings.push(setting('indent', 'tabs', at('hard_tabs')));
    else if (config.tab_spaces !== undefined)
      settings.push(
        setting('indent', `${config.tab_spaces} spaces`, at('tab_spaces')),
      );
    if (config.imports_granularity !== undefined)
      settings.push(
        setting(
          'importGranularity',
          String(config.imports_granularity),
          at('imports_granularity'),
        ),
      );
    if (config.group_imports !== undefined)
      settings.push(
        setting(
          'importGroups',
          String(config.group_imports),
          at('group_imports'),
        ),
      );
    if (config.edition !== undefined)
      settings.push(setting('edition', String(config.edition), at('edition')));
  }
  facts.push({
    name: 'rustfmt',
    kind: 'format',
    directory: '',
    config: file,
    presets: [],
    settings,
    rules: [],
    source: {
      file: file ?? 'Cargo.toml',
      note: file ? undefined : 'rustfmt is the Rust formatter',
    },
  });
  const clippy = checkout.first('clippy.toml', '.clippy.toml');
  const cargo = checkout.readText('Cargo.toml') ?? '';
  const lintsLine = lineOf(cargo, /^\[(workspace\.)?lints\.clippy\]/);
  if (clippy || lintsLine) {
    facts.push({
      name: 'clippy',
      kind: 'lint',
      directory: '',
      config: clippy ?? 'Cargo.toml',
      presets: [],
      settings: [],
      rules: [],
      source: clippy
        ? { file: clippy }
        : { file: 'Cargo.toml', line: lintsLine },
    });
  }
  return facts;
}
