import { DefaultIsolatedToolRunner } from '@catalyst/plugin-platform-node';
import { accessSync, constants } from 'node:fs';
import { dirname, join } from 'node:path';

function onPath(tool: string): string {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    try {
      accessSync(join(folder, tool), constants.X_OK);
      return folder;
    } catch {
      // Not in this folder: look in the next one.
    }
  }
  throw new Error(`${tool} is not on PATH`);
}

/**
 * The isolated tool runner as a backend on this machine would configure it:
 * bubblewrap, with the folders of `yarn` and `go` as its toolchain. This
 * repository's `yarn` is a shim that runs its `.yarn/releases` file, which
 * is therefore readable too.
 */
export function testToolRunner(): DefaultIsolatedToolRunner {
  return new DefaultIsolatedToolRunner({
    mode: 'bwrap',
    toolchain: [...new Set([onPath('yarn'), onPath('go')])],
    readOnlyPaths: [
      join(
        dirname(require.resolve('../../package.json')),
        '../../.yarn/releases',
      ),
    ],
  });
}
