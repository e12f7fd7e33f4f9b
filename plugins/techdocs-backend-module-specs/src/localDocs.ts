import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { hashFolder } from './specFiles';

const MKDOCS_FILES = ['mkdocs.yml', 'mkdocs.yaml'];

/**
 * The content hash of an MkDocs project read from disk: its mkdocs.yml and
 * every file of its docs_dir. Undefined when there is no mkdocs.yml; throws
 * when docs_dir leaves the project or is over the size bounds.
 *
 * Files outside docs_dir that a site pulls in (INHERIT, snippets) are not
 * part of the hash.
 */
export async function hashLocalDocs(dir: string): Promise<string | undefined> {
  for (const name of MKDOCS_FILES) {
    const mkdocs = await readOptional(join(dir, name));
    if (mkdocs !== undefined) {
      // A line match, not a YAML parse: mkdocs.yml may hold Python tags.
      const docsDir =
        mkdocs.match(/^docs_dir:\s*['"]?([^'"#\r\n]+?)['"]?\s*(#.*)?$/m)?.[1] ??
        'docs';
      const folderHash = await hashFolder(
        resolveSafeChildPath(dir, docsDir),
        `catalyst-local-docs/1\0${name}\0${mkdocs}`,
      );
      return folderHash;
    }
  }
  return undefined;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
