import { DefaultIsolatedToolRunner } from '@catalyst/plugin-platform-node';
import { dirname, join } from 'node:path';

/**
 * The isolated tool runner as a backend on this machine configures it:
 * bubblewrap, with `yarn` and `go` from the backend's PATH. This
 * repository's `yarn` is a shim that runs its `.yarn/releases` file, which
 * is therefore readable too.
 */
export function testToolRunner(): DefaultIsolatedToolRunner {
  return new DefaultIsolatedToolRunner({
    mode: 'bwrap',
    readOnlyPaths: [
      join(
        dirname(require.resolve('../../package.json')),
        '../../.yarn/releases',
      ),
    ],
  });
}
