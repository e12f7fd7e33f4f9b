import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { StyleRule, StyleSetting, StyleToolFact } from '../types';
import { lineOf, setting } from './settingsFromText';

const RUFF_RULE_SETS: Record<string, string> = {
  E: 'pycodestyle errors',
  W: 'pycodestyle warnings',
  F: 'pyflakes',
  I: 'sorted imports',
  B: 'bugbear',
  UP: 'pyupgrade',
  D: 'pydocstyle docstrings',
  N: 'PEP 8 naming',
  S: 'bandit security checks',
  ANN: 'type annotations required',
  C90: 'complexity limit',
  SIM: 'simplifications',
  PT: 'pytest style',
  RUF: 'ruff-specific rules',
  T20: 'no print statements',
  ALL: 'every rule',
};

/**
 * Ruff (pyproject `[tool.ruff]`, ruff.toml), Black, isort, mypy and pyright:
 * line length, quotes, indentation, docstring convention, selected rule sets,
 * strictness.
 */
export function detectPythonStyle(checkout: Checkout): StyleToolFact[] {
  const facts: StyleToolFact[] = [];
  const pyproject = checkout.has('pyproject.toml')
    ? checkout.readToml('pyproject.toml')
    : undefined;
  const tool = asRecord(pyproject?.tool) ?? {};
  const ruffFile = checkout.first('ruff.toml', '.ruff.toml');
  const ruff = ruffFile ? checkout.readToml(ruffFile) : asRecord(tool.ruff);
  if (ruff) {
    const file = ruffFile ?? 'pyproject.toml';
    const text = checkout.readText(file) ?? '';
    const at = (needle: string | RegExp) => ({
      file,
      line: lineOf(text, needle),
    });
    const lint = asRecord(ruff.lint) ?? ruff;
    const format = asRecord(ruff.format) ?? {};
    const settings: StyleSetting[] = [];
    settings.push(
      setting(
        'lineLength',
        String(ruff['line-length'] ?? 88),
        ruff['line-length'] !== undefined
          ? at(/^line-length/)
          : { file, note: 'Ruff default' },
      ),
    );
    if (ruff['indent-width'] !== undefined)
      settings.push(
        setting('indent', `${ruff['indent-width']} spaces`, at('indent-width')),
      );
    if (format['quote-style'] !== undefined)
      settings.push(
        setting('quotes', String(format['quote-style']), at('quote-style')),
      );
    if (format['indent-style'] === 'tab')
      settings.push(setting('indent', 'tabs', at('indent-style')));
    if (ruff['target-version'] !== undefined)
      settings.push(
        setting(
          'targetPython',
          String(ruff['target-version']),
          at('target-version'),
        ),
      );
    const docstrings = asString(asRecord(lint.pydocstyle)?.convention);
    if (docstrings)
      settings.push(
        setting('docstrings', `${docstrings} style`, at('convention')),
      );
    const rules: StyleRule[] = [];
    for (const code of [
      ...asStrings(lint.select),
      ...asStrings(lint['extend-select']),
    ]) {
      rules.push({
        name: code,
        value: 'selected',
        meaning: RUFF_RULE_SETS[code],
        source: at(new RegExp(`["']${code}["']`)),
      });
    }
    for (const code of asStrings(lint.ignore))
      rules.push({
        name: code,
        value: 'ignored',
        source: at(new RegExp(`["']${code}["']`)),
      });
    facts.push({
      name: 'ruff',
      kind: 'lint',
      directory: '',
      config: file,
      presets: [],
      settings,
      rules,
      source: ruffFile ? { file } : at('[tool.ruff'),
    });
  }
  const black = asRecord(tool.black);
  if (black && !ruff) {
    const text = checkout.readText('pyproject.toml') ?? '';
    facts.push({
      name: 'black',
      kind: 'format',
      directory: '',
      config: 'pyproject.toml',
      presets: [],
      settings: [
        setting('lineLength', String(black['line-length'] ?? 88), {
          file: 'pyproject.toml',
          line: lineOf(text, 'line-length'),
        }),
        setting('quotes', 'double', {
          file: 'pyproject.toml',
          note: 'Black normalises strings to double quotes',
        }),
      ],
      rules: [],
      source: { file: 'pyproject.toml', line: lineOf(text, '[tool.black') },
    });
  }
  const isort = asRecord(tool.isort);
  if (isort && !ruff) {
    const text = checkout.readText('pyproject.toml') ?? '';
    facts.push({
      name: 'isort',
      kind: 'format',
      directory: '',
      config: 'pyproject.toml',
      presets: asString(isort.profile) ? [`profile ${isort.profile}`] : [],
      settings: [],
      rules: [],
      source: { file: 'pyproject.toml', line: lineOf(text, '[tool.isort') },
    });
  }
  const mypy = asRecord(tool.mypy);
  if (mypy || checkout.has('mypy.ini')) {
    const file = mypy ? 'pyproject.toml' : 'mypy.ini';
    const text = checkout.readText(file) ?? '';
    const strict = mypy
      ? mypy.strict === true
      : /^\s*strict\s*=\s*(true|True)/m.test(text);
    facts.push({
      name: 'mypy',
      kind: 'typecheck',
      directory: '',
      config: file,
      presets: [],
      settings: strict
        ? [
            setting('strict', 'true', {
              file,
              line: lineOf(text, /^\s*strict\s*=/),
            }),
          ]
        : [],
      rules: [],
      source: { file, line: lineOf(text, mypy ? '[tool.mypy' : '[mypy') },
    });
  }
  const pyright =
    asRecord(tool.pyright) ??
    asRecord(
      checkout.has('pyrightconfig.json')
        ? checkout.readJson('pyrightconfig.json', true)
        : undefined,
    );
  if (pyright) {
    const file = tool.pyright ? 'pyproject.toml' : 'pyrightconfig.json';
    const text = checkout.readText(file) ?? '';
    const mode = asString(pyright.typeCheckingMode);
    facts.push({
      name: 'pyright',
      kind: 'typecheck',
      directory: '',
      config: file,
      presets: [],
      settings: mode
        ? [
            setting('typeCheckingMode', mode, {
              file,
              line: lineOf(text, 'typeCheckingMode'),
            }),
          ]
        : [],
      rules: [],
      source: { file },
    });
  }
  const flake8File = checkout.first('.flake8', 'setup.cfg', 'tox.ini');
  const flake8 = flake8File
    ? /^\[flake8\]([\s\S]*?)(^\[|$(?![\s\S]))/m.exec(
        checkout.readText(flake8File) ?? '',
      )
    : null;
  if (flake8File && flake8 && !ruff) {
    const text = checkout.readText(flake8File) ?? '';
    const max = /max-line-length\s*=\s*(\d+)/.exec(flake8[1])?.[1];
    facts.push({
      name: 'flake8',
      kind: 'lint',
      directory: '',
      config: flake8File,
      presets: [],
      settings: max
        ? [
            setting('lineLength', max, {
              file: flake8File,
              line: lineOf(text, 'max-line-length'),
            }),
          ]
        : [],
      rules: [],
      source: { file: flake8File, line: lineOf(text, '[flake8]') },
    });
  }
  return facts;
}
