import { Checkout } from '../checkout/Checkout';
import { asRecord, asString } from '../checkout/asRecord';
import { StyleRule, StyleSetting, StyleToolFact } from '../types';
import { lineOf, setting } from './settingsFromText';

/** What a lint that warns or denies asks of the code. */
const LINT_MEANINGS: Record<string, string> = {
  unsafe_code: 'no `unsafe` code (`unsafe_code`)',
  unwrap_used: 'no `.unwrap()` (`unwrap_used`)',
  expect_used: 'no `.expect()` (`expect_used`)',
  panic: 'no `panic!` (`panic`)',
  todo: 'no `todo!` (`todo`)',
  dbg_macro: 'no `dbg!` (`dbg_macro`)',
  print_stdout: 'no `print!`/`println!` (`print_stdout`)',
  print_stderr: 'no `eprint!`/`eprintln!` (`print_stderr`)',
  allow_attributes: '`#[expect]` rather than `#[allow]` (`allow_attributes`)',
  pedantic: 'Clippy pedantic lints',
  unreachable_pub:
    'no `pub` items unreachable from outside the crate (`unreachable_pub`)',
  missing_docs: 'documented public items (`missing_docs`)',
};

/** Lints of `[workspace.lints.*]` / `[lints.*]` in Cargo.toml that warn or deny. */
function cargoLints(checkout: Checkout, cargo: string): StyleRule[] {
  const manifest = checkout.readToml('Cargo.toml');
  const lints =
    asRecord(asRecord(manifest?.workspace)?.lints) ?? asRecord(manifest?.lints);
  const rules: StyleRule[] = [];
  for (const table of ['rust', 'clippy']) {
    for (const [name, value] of Object.entries(
      asRecord(lints?.[table]) ?? {},
    )) {
      const level = asString(value) ?? asString(asRecord(value)?.level);
      if (!level || level === 'allow') continue;
      rules.push({
        name,
        value: level,
        meaning: LINT_MEANINGS[name],
        source: {
          file: 'Cargo.toml',
          line: lineOf(cargo, new RegExp(`^${name}\\s*=`)),
        },
      });
    }
  }
  return rules;
}

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
      rules: cargoLints(checkout, cargo),
      source: clippy
        ? { file: clippy }
        : { file: 'Cargo.toml', line: lintsLine },
    });
  }
  return facts;
}
