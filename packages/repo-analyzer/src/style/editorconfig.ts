import { Checkout } from '../checkout/Checkout';
import { StyleSetting, StyleToolFact } from '../types';
import { setting } from './settingsFromText';

/** Reads the root `.editorconfig`: indentation, line endings, line length, per file pattern. */
export function detectEditorconfig(checkout: Checkout): StyleToolFact[] {
  const file = '.editorconfig';
  const text = checkout.readText(file);
  if (text === undefined) return [];
  const settings: StyleSetting[] = [];
  let section: string | undefined;
  const pending = new Map<
    string,
    { style?: string; size?: string; line: number }
  >();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1];
      return;
    }
    const pair = /^([a-z_]+)\s*=\s*(.+)$/i.exec(line);
    if (!pair || section === undefined) return;
    const key = pair[1].toLowerCase();
    const value = pair[2].trim().toLowerCase();
    const scope = section === '*' ? undefined : section;
    const source = { file, line: index + 1 };
    if (key === 'indent_style' || key === 'indent_size') {
      const entry = pending.get(section) ?? { line: index + 1 };
      if (key === 'indent_style') entry.style = value;
      else entry.size = value;
      pending.set(section, entry);
    } else if (key === 'end_of_line') {
      settings.push(setting('endOfLine', value, source, scope));
    } else if (key === 'max_line_length' && value !== 'off') {
      settings.push(setting('lineLength', value, source, scope));
    } else if (key === 'insert_final_newline') {
      settings.push(setting('finalNewline', value, source, scope));
    } else if (key === 'trim_trailing_whitespace') {
      settings.push(setting('trimTrailingWhitespace', value, source, scope));
    } else if (key === 'charset') {
      settings.push(setting('charset', value, source, scope));
    }
  });
  for (const [scope, entry] of pending) {
    let value: string | undefined;
    if (entry.style === 'tab') value = 'tabs';
    else if (entry.size && entry.size !== 'tab') value = `${entry.size} spaces`;
    else if (entry.style === 'space') value = 'spaces';
    if (value)
      settings.push(
        setting(
          'indent',
          value,
          { file, line: entry.line },
          scope === '*' ? undefined : scope,
        ),
      );
  }
  return [
    {
      name: 'editorconfig',
      kind: 'editor',
      directory: '',
      config: file,
      presets: [],
      settings,
      rules: [],
      source: { file },
    },
  ];
}
