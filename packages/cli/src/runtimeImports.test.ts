import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Loads the CLI's source in a fresh Node process with a resolve hook (it sees
 * both `require` and `import`, so ESM dependencies count too) and prints every
 * module the CLI reaches: the CLI's own files, and whatever is resolved from a
 * module already reached. Modules the source transform loads for itself are
 * not reached from the CLI and do not count.
 */
const recordReachedModules = `
const { registerHooks } = require('node:module');
const { pathToFileURL } = require('node:url');
require('@backstage/cli/config/nodeTransform.cjs');
const src = process.argv[1];
const srcUrl = pathToFileURL(src).href + '/';
const reached = new Set();
const specifiers = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    const parent = context.parentURL;
    if (result.url.startsWith(srcUrl) || reached.has(parent) || (parent && parent.startsWith(srcUrl))) {
      reached.add(result.url);
      specifiers.add(specifier);
    }
    return result;
  },
});
require(src);
process.stdout.write(JSON.stringify({ specifiers: [...specifiers], urls: [...reached] }));
`;

function reachedModules(): { specifiers: string[]; urls: string[] } {
  const src = resolve(__dirname);
  const output = execFileSync(
    process.execPath,
    ['-e', recordReachedModules, src],
    { cwd: resolve(__dirname, '..'), encoding: 'utf8' },
  );
  return JSON.parse(output);
}

describe('the CLI at run time', () => {
  it('loads neither Backstage nor Octokit', () => {
    const { specifiers, urls } = reachedModules();

    // The hook saw the CLI's own dependencies, so an empty list below means something.
    expect(specifiers).toEqual(
      expect.arrayContaining([
        'commander',
        '@catalyst/conventions',
        '@catalyst/spec-kit',
        '@catalyst/repo-analyzer',
        '@catalyst/plugin-observability-common/scoping',
      ]),
    );
    expect(
      specifiers.filter(specifier => /^@(backstage|octokit)\//.test(specifier)),
    ).toEqual([]);
    expect(
      urls.filter(url => /\/node_modules\/@(backstage|octokit)\//.test(url)),
    ).toEqual([]);
  });
});
