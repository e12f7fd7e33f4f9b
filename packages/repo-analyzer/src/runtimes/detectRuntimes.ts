import { Checkout } from '../checkout/Checkout';
import { asRecord, asString } from '../checkout/asRecord';
import { RuntimeFact } from '../types';

const VERSION_FILES: [string, RuntimeFact['name']][] = [
  ['.nvmrc', 'node'],
  ['.node-version', 'node'],
  ['.ruby-version', 'ruby'],
  ['.python-version', 'python'],
  ['.go-version', 'go'],
  ['.java-version', 'java'],
];

const TOOL_VERSIONS: Record<string, RuntimeFact['name']> = {
  nodejs: 'node',
  node: 'node',
  ruby: 'ruby',
  golang: 'go',
  go: 'go',
  python: 'python',
  rust: 'rust',
  java: 'java',
  bun: 'bun',
};

/**
 * Runtime versions pinned by the repository: version files, `.tool-versions`
 * and `mise.toml`, `engines` in package.json, `go` in go.mod, the Rust
 * toolchain file, `requires-python`. The first pin found per runtime wins.
 */
export function detectRuntimes(checkout: Checkout): RuntimeFact[] {
  const found = new Map<RuntimeFact['name'], RuntimeFact>();
  const add = (fact: RuntimeFact) => {
    if (!found.has(fact.name) && fact.version) found.set(fact.name, fact);
  };
  for (const [file, name] of VERSION_FILES) {
    const text = checkout.readText(file)?.trim();
    if (text)
      add({
        name,
        version: text
          .split('\n')[0]
          .trim()
          .replace(/^v(?=\d)/, '')
          .replace(/^(ruby|python)-/, ''),
        source: { file, line: 1 },
      });
  }
  for (const file of ['.tool-versions', 'mise.toml', '.mise.toml']) {
    const text = checkout.readText(file);
    if (!text) continue;
    text.split('\n').forEach((line, index) => {
      const match =
        file === '.tool-versions'
          ? /^\s*([a-z]+)\s+(\S+)/.exec(line)
          : /^\s*([a-z]+)\s*=\s*["']([^"']+)["']/.exec(line);
      const name = match && TOOL_VERSIONS[match[1]];
      if (match && name)
        add({ name, version: match[2], source: { file, line: index + 1 } });
    });
  }
  const pkg = asRecord(
    checkout.has('package.json')
      ? checkout.readJson('package.json')
      : undefined,
  );
  const engines = asRecord(pkg?.engines);
  const nodeEngine = asString(engines?.node);
  if (nodeEngine)
    add({
      name: 'node',
      version: nodeEngine,
      source: checkout.sourceOf('package.json', /"node"\s*:/, /"engines"/),
    });
  const volta = asString(asRecord(pkg?.volta)?.node);
  if (volta)
    add({
      name: 'node',
      version: volta,
      source: checkout.sourceOf('package.json', /"node"\s*:/, /"volta"/),
    });
  const manager = asString(pkg?.packageManager);
  if (manager?.startsWith('bun@'))
    add({
      name: 'bun',
      version: manager.slice(4),
      source: checkout.sourceOf('package.json', '"packageManager"'),
    });
  const goMod = checkout.readText('go.mod');
  const goLine = goMod?.split('\n').findIndex(l => /^go\s+\d/.test(l));
  if (goMod && goLine !== undefined && goLine >= 0) {
    add({
      name: 'go',
      version: goMod.split('\n')[goLine].trim().slice(3).trim(),
      source: { file: 'go.mod', line: goLine + 1 },
    });
  }
  const toolchain = checkout.first('rust-toolchain.toml', 'rust-toolchain');
  if (toolchain) {
    const text = checkout.readText(toolchain) ?? '';
    const channel =
      /channel\s*=\s*"([^"]+)"/.exec(text)?.[1] ??
      (toolchain === 'rust-toolchain' ? text.trim() : undefined);
    if (channel)
      add({
        name: 'rust',
        version: channel,
        source: checkout.sourceOf(toolchain, channel),
      });
  }
  const pyproject = checkout.has('pyproject.toml')
    ? checkout.readToml('pyproject.toml')
    : undefined;
  const requiresPython =
    asString(asRecord(pyproject?.project)?.['requires-python']) ??
    asString(
      asRecord(
        asRecord(asRecord(asRecord(pyproject?.tool)?.poetry)?.dependencies),
      )?.python,
    );
  if (requiresPython)
    add({
      name: 'python',
      version: requiresPython,
      source: checkout.sourceOf(
        'pyproject.toml',
        /requires-python|^python\s*=/,
      ),
    });
  const gemfile = checkout.readText('Gemfile');
  const rubyLine = gemfile
    ?.split('\n')
    .findIndex(l => /^\s*ruby\s+["']/.test(l));
  if (gemfile && rubyLine !== undefined && rubyLine >= 0) {
    const version = /ruby\s+["']([^"']+)["']/.exec(
      gemfile.split('\n')[rubyLine],
    )?.[1];
    if (version)
      add({
        name: 'ruby',
        version,
        source: { file: 'Gemfile', line: rubyLine + 1 },
      });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
