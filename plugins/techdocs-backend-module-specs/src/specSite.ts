import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';

// Documents in reading order, with their titles in the site's navigation.
const ORDER: Array<[RegExp, string]> = [
  [/^spec\.md$/i, 'Specification'],
  [/^plan\.md$/i, 'Plan'],
  [/^tasks\.md$/i, 'Tasks'],
  [/^research[^/]*\.md$/i, 'Research'],
  [/^data-model\.md$/i, 'Data model'],
  [/^quickstart\.md$/i, 'Quickstart'],
];

/**
 * Turns a Spec Kit folder into an MkDocs project in `siteDir`: the folder's
 * files under `docs/` (spec.md becomes the landing page) and an mkdocs.yml
 * with the documents in reading order. The folder itself is never written to.
 *
 * @public
 */
export async function writeSpecSite(options: {
  specDir: string;
  siteDir: string;
  title: string;
}): Promise<void> {
  const { specDir, siteDir, title } = options;
  const docsDir = join(siteDir, 'docs');
  await fs.mkdir(docsDir, { recursive: true });
  const files = await listFiles(specDir);
  const hasSpec = files.some(f => f.toLocaleLowerCase('en-US') === 'spec.md');

  for (const file of files) {
    const target =
      hasSpec && file.toLocaleLowerCase('en-US') === 'spec.md'
        ? 'index.md'
        : file;
    await fs.mkdir(join(docsDir, target, '..'), { recursive: true });
    await fs.copyFile(join(specDir, file), join(docsDir, target));
  }
  if (!hasSpec) {
    await fs.writeFile(
      join(docsDir, 'index.md'),
      `# ${title}\n\nThis spec folder has no spec.md.\n`,
    );
  }

  const markdown = files.filter(f =>
    f.toLocaleLowerCase('en-US').endsWith('.md'),
  );
  const nav: Array<Record<string, unknown>> = [
    { [hasSpec ? 'Specification' : 'Overview']: 'index.md' },
  ];
  const placed = new Set(hasSpec ? ['spec.md'] : []);
  for (const [pattern, label] of ORDER.slice(1)) {
    const matching = markdown
      .filter(f => pattern.test(f) && !placed.has(f))
      .sort(byName);
    for (const file of matching) {
      nav.push({
        [label === 'Research' && file !== 'research.md'
          ? file.replace(/\.md$/, '')
          : label]: file,
      });
      placed.add(file);
    }
  }
  const grouped = new Map<string, string[]>();
  for (const file of markdown.filter(
    f => !placed.has(f) && f.toLocaleLowerCase('en-US') !== 'spec.md',
  )) {
    const group = file.includes('/') ? file.split('/')[0] : 'Other';
    grouped.set(group, [...(grouped.get(group) ?? []), file]);
  }
  for (const [group, groupFiles] of [...grouped.entries()].sort()) {
    nav.push({ [group]: groupFiles.sort() });
  }

  await fs.writeFile(
    join(siteDir, 'mkdocs.yml'),
    stringify({
      site_name: title,
      docs_dir: 'docs',
      nav,
      plugins: ['techdocs-core'],
    }),
  );
}

// `research.md` before `research-auth.md`: compare names without the extension.
function byName(a: string, b: string): number {
  return a.replace(/\.md$/i, '').localeCompare(b.replace(/\.md$/i, ''));
}

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    // Symlinks are skipped: they may point out of the repository.
    if (entry.isDirectory()) {
      out.push(...(await listFiles(full, root)));
    } else if (entry.isFile()) {
      out.push(relative(root, full).split(sep).join('/'));
    }
  }
  return out.sort();
}
