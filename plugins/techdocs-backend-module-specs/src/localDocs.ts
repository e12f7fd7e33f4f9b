import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { hashFolder, listSpecFiles } from './specFiles';

// In TechDocs' order of preference.
const MKDOCS_FILES = ['mkdocs.yaml', 'mkdocs.yml'];

/** An MkDocs project on disk: its config file and its docs folder. */
interface LocalDocsProject {
  root: string;
  configFile: string;
  config: string;
  docsDir: string;
}

async function readProject(
  root: string,
): Promise<LocalDocsProject | undefined> {
  for (const configFile of MKDOCS_FILES) {
    if (existsSync(join(root, configFile))) {
      const config = await fs.readFile(join(root, configFile), 'utf8');
      const docsDir = readDocsDir(config);
      resolveSafeChildPath(root, docsDir);
      return { root, configFile, config, docsDir };
    }
  }
  return undefined;
}

// A line match, not a YAML parse: mkdocs.yml may hold Python tags.
function readDocsDir(config: string): string {
  const line = config.match(/^docs_dir:(.*)$/m)?.[1] ?? '';
  const value = line
    .replace(/\s#.*$/, '')
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2');
  return value || 'docs';
}

/**
 * The content hash of an MkDocs project read from disk: its mkdocs.yml and
 * every file of its docs_dir. Undefined when there is no mkdocs.yml; throws
 * when docs_dir leaves the project or is over the size bounds.
 */
export async function hashLocalDocs(root: string): Promise<string | undefined> {
  const project = await readProject(root);
  return project && hashProject(project);
}

function hashProject(project: LocalDocsProject): Promise<string> {
  return hashFolder(
    resolveSafeChildPath(project.root, project.docsDir),
    `catalyst-local-docs/1\0${project.configFile}\0${project.config}`,
  );
}

/**
 * Copies an MkDocs project read from disk (mkdocs.yml and docs_dir, nothing
 * else) to `target`. The copy is what TechDocs builds: it holds no
 * symlinks, checkouts or tool folders that TechDocs would otherwise scan.
 * Files outside docs_dir that a site pulls in (INHERIT, snippets) are not
 * part of it.
 */
export async function snapshotLocalDocs(
  root: string,
  target: string,
): Promise<void> {
  const project = await readProject(root);
  if (!project) {
    throw new NotFoundError(`${root} has no mkdocs.yml`);
  }
  const docsRoot = resolveSafeChildPath(root, project.docsDir);
  const docsTarget = resolveSafeChildPath(target, project.docsDir);
  await fs.writeFile(join(target, project.configFile), project.config);
  for (const file of await listSpecFiles(docsRoot)) {
    const to = join(docsTarget, file.path);
    await fs.mkdir(dirname(to), { recursive: true });
    await fs.copyFile(join(docsRoot, file.path), to);
  }
}
