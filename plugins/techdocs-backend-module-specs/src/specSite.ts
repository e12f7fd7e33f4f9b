import { promises as fs } from 'node:fs';
import { join, posix } from 'node:path';
import { stringify } from 'yaml';
import { listSpecFiles } from './specFiles';

type NavItem = Record<string, string | NavItem[] | string[]>;

// Top-level documents in reading order, with their titles in the navigation.
const DOCUMENTS: Array<[RegExp, string]> = [
  [/^plan\.md$/i, 'Plan'],
  [/^tasks\.md$/i, 'Tasks'],
  [/^research\.md$/i, 'Research'],
  [/^research[^/]*\.md$/i, ''],
  [/^data-model\.md$/i, 'Data model'],
];
// Folders of documents, placed among the documents above.
const CONTRACTS = 'contracts';
const QUICKSTART: [RegExp, string] = [/^quickstart\.md$/i, 'Quickstart'];
const CHECKLISTS = 'checklists';

// Contracts are usually OpenAPI, JSON Schema, GraphQL or protobuf files; each
// gets a page that shows it, so they can be read in the site.
const CONTRACT_LANGUAGES: Record<string, string> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
  '.graphql': 'graphql',
  '.gql': 'graphql',
  '.proto': 'protobuf',
  '.txt': 'text',
};

/**
 * Turns a Spec Kit folder into an MkDocs project in `siteDir`: the folder's
 * files under `docs/` (spec.md becomes the landing page, contract files get a
 * page each) and an mkdocs.yml whose navigation follows Spec Kit's reading
 * order: specification, plan, tasks, research, data model, contracts,
 * quickstart, checklists, then anything else. The folder itself is never
 * written to.
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
  const files = (await listSpecFiles(specDir)).map(f => f.path);
  const specFile = files.find(f => f.toLocaleLowerCase('en-US') === 'spec.md');

  const write = async (target: string, content: string | Buffer) => {
    await fs.mkdir(join(docsDir, posix.dirname(target)), { recursive: true });
    await fs.writeFile(join(docsDir, target), content);
  };
  for (const file of files) {
    const content = await fs.readFile(join(specDir, file));
    await write(file === specFile ? 'index.md' : file, content);
  }
  if (!specFile) {
    await write('index.md', `# ${title}\n\nThis spec folder has no spec.md.\n`);
  }
  const contractPages: string[] = [];
  for (const file of files.filter(f => isUnder(f, CONTRACTS))) {
    const language = CONTRACT_LANGUAGES[posix.extname(file).toLowerCase()];
    if (language) {
      const content = await fs.readFile(join(specDir, file), 'utf8');
      // `openapi.yaml` -> `openapi-yaml.md`: a page named `openapi.yaml.md`
      // would be served from the folder that the file itself occupies.
      const page = `${file.replace(/\.(\w+)$/, '-$1')}.md`;
      await write(page, contractPage(file, content, language));
      contractPages.push(page);
    }
  }

  const markdown = files.filter(f => /\.md$/i.test(f) && f !== specFile);
  const placed = new Set<string>();
  const take = (pattern: RegExp) => {
    const matching = markdown.filter(f => pattern.test(f) && !placed.has(f));
    matching.forEach(f => placed.add(f));
    return matching.sort(byName);
  };
  const folder = (name: string, extra: string[] = []): string[] => [
    ...take(new RegExp(`^${name}/`, 'i')),
    ...extra,
  ];

  const nav: NavItem[] = [
    { [specFile ? 'Specification' : 'Overview']: 'index.md' },
  ];
  for (const [pattern, label] of DOCUMENTS) {
    for (const file of take(pattern)) {
      nav.push({ [label || titleOf(file)]: file });
    }
  }
  const contracts = folder(CONTRACTS, contractPages).sort();
  if (contracts.length) {
    nav.push({ Contracts: contracts });
  }
  for (const file of take(QUICKSTART[0])) {
    nav.push({ [QUICKSTART[1]]: file });
  }
  const checklists = folder(CHECKLISTS);
  if (checklists.length) {
    nav.push({ Checklists: checklists });
  }
  const others = new Map<string, string[]>();
  for (const file of markdown.filter(f => !placed.has(f)).sort(byName)) {
    const group = file.includes('/') ? titleOf(file.split('/')[0]) : 'Other';
    others.set(group, [...(others.get(group) ?? []), file]);
  }
  for (const [group, groupFiles] of [...others.entries()].sort()) {
    nav.push({ [group]: groupFiles });
  }

  await fs.writeFile(
    join(siteDir, 'mkdocs.yml'),
    stringify({
      site_name: title,
      docs_dir: 'docs',
      nav,
      // No Google Fonts: the reader shows a site once its stylesheets have
      // loaded, and offline that one never does.
      theme: { name: 'material', font: false },
      plugins: ['techdocs-core'],
    }),
  );
}

function isUnder(file: string, folder: string): boolean {
  return file.toLocaleLowerCase('en-US').startsWith(`${folder}/`);
}

// `research-auth.md` -> `Research auth`
function titleOf(file: string): string {
  const base = posix.basename(file).replace(/\.md$/i, '').replace(/[-_]/g, ' ');
  return base.charAt(0).toLocaleUpperCase('en-US') + base.slice(1);
}

function contractPage(file: string, content: string, language: string) {
  // The fence must be longer than any backtick run in the file.
  const longest = Math.max(
    2,
    ...(content.match(/`+/g) ?? []).map(run => run.length),
  );
  const fence = '`'.repeat(longest + 1);
  return `# ${posix.basename(file)}\n\n${fence}${language}\n${content}${
    content.endsWith('\n') ? '' : '\n'
  }${fence}\n`;
}

// `research.md` before `research-auth.md`: compare names without the extension.
function byName(a: string, b: string): number {
  return a.replace(/\.md$/i, '').localeCompare(b.replace(/\.md$/i, ''));
}
