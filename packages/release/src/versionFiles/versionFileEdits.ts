import { FileReader, parseJsonFile } from '../config/FileReader';
import { ReleasePackage } from '../workspaces/findPackages';

/**
 * A file's new text.
 *
 * @public
 */
export type FileEdit = { path: string; content: string };

function replaceInSection(
  text: string,
  section: RegExp,
  key: RegExp,
  version: string,
): string | undefined {
  const start = section.exec(text);
  if (!start) return undefined;
  const from = start.index + start[0].length;
  const nextSection = /^\[/m.exec(text.slice(from));
  const end = nextSection ? from + nextSection.index : text.length;
  const body = text.slice(from, end);
  if (!key.test(body)) return undefined;
  return (
    text.slice(0, from) + body.replace(key, `$1${version}$2`) + text.slice(end)
  );
}

function jsonVersion(text: string, version: string): string {
  // Replace the first (top-level) "version" textually so the file keeps its formatting.
  return text.replace(/("version"\s*:\s*")[^"]*(")/, `$1${version}$2`);
}

/**
 * The version-file edits that release a package at a version, in each
 * ecosystem's own way: package.json (and package-lock.json's root entries),
 * Cargo.toml (and Cargo.lock), pyproject.toml, `version.rb` / gemspec, Helm
 * Chart.yaml. Go modules have no version file: the tag is the release.
 *
 * @public
 */
export async function versionFileEdits(
  read: FileReader,
  pkg: ReleasePackage,
  version: string,
  listFiles: (dir: string) => Promise<string[]> = async () => [],
): Promise<FileEdit[]> {
  const dir = pkg.path === '.' ? '' : `${pkg.path}/`;
  const edits: FileEdit[] = [];
  const edit = async (
    path: string,
    change: (text: string) => string | undefined,
  ) => {
    const text = await read(path);
    if (text === undefined) return;
    const next = change(text);
    if (next !== undefined && next !== text)
      edits.push({ path, content: next });
  };
  await edit(`${dir}package.json`, text => {
    const json = parseJsonFile(text) as { version?: unknown } | undefined;
    return typeof json?.version === 'string'
      ? jsonVersion(text, version)
      : undefined;
  });
  await edit('package-lock.json', text => {
    const lock = parseJsonFile(text) as any;
    if (!lock || typeof lock !== 'object') return undefined;
    const key = pkg.path === '.' ? '' : pkg.path;
    if (pkg.path === '.') lock.version = version;
    if (lock.packages?.[key]) lock.packages[key].version = version;
    return `${JSON.stringify(lock, null, 2)}\n`;
  });
  await edit(`${dir}Cargo.toml`, text =>
    replaceInSection(
      text,
      /^\[package\]\s*$/m,
      /^(version\s*=\s*")[^"]*(")/m,
      version,
    ),
  );
  await edit('Cargo.lock', text => {
    const block = new RegExp(
      `(\\[\\[package\\]\\]\\nname = "${pkg.name.replace(
        /[.*+?^${}()|[\]\\]/g,
        '\\$&',
      )}"\\nversion = ")[^"]*(")`,
    );
    return block.test(text) ? text.replace(block, `$1${version}$2`) : undefined;
  });
  await edit(
    `${dir}pyproject.toml`,
    text =>
      replaceInSection(
        text,
        /^\[project\]\s*$/m,
        /^(version\s*=\s*")[^"]*(")/m,
        version,
      ) ??
      replaceInSection(
        text,
        /^\[tool\.poetry\]\s*$/m,
        /^(version\s*=\s*")[^"]*(")/m,
        version,
      ),
  );
  await edit(`${dir}Chart.yaml`, text =>
    text.replace(/^(version:\s*["']?)[^"'\s]+(["']?\s*)$/m, `$1${version}$2`),
  );
  for (const file of await listFiles(pkg.path)) {
    if (/(^|\/)version\.rb$/.test(file)) {
      await edit(file, text =>
        text.replace(/(VERSION\s*=\s*["'])[^"']+(["'])/, `$1${version}$2`),
      );
    } else if (/\.gemspec$/.test(file)) {
      await edit(file, text =>
        text.replace(/(\.version\s*=\s*["'])[^"']+(["'])/, `$1${version}$2`),
      );
    }
  }
  return edits;
}
