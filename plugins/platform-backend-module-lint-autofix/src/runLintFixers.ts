import type {
  IsolatedToolRunner,
  WritableCheckout,
} from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { detectLintFixers, LintFixer } from './detectLintFixers';

/**
 * Installs a checkout's Node dependencies so that its own tools can run.
 *
 * @public
 */
export type InstallDependencies = (
  dir: string,
  signal: AbortSignal,
  tools: IsolatedToolRunner,
) => Promise<void>;

/**
 * The lockfile's package manager, installing exactly what is locked, without
 * lifecycle scripts; isolated, with the network but no credentials.
 *
 * @public
 */
export const installLockedDependencies: InstallDependencies = async (
  dir,
  signal,
  tools,
) => {
  const exists = (file: string) =>
    fs.access(join(dir, file)).then(
      () => true,
      () => false,
    );
  const install = (command: string, args: string[], env = {}) =>
    tools.run(command, args, { cwd: dir, signal, network: true, env });
  if (await exists('yarn.lock')) {
    await install('yarn', ['install', '--immutable'], {
      YARN_ENABLE_SCRIPTS: '0',
    });
  } else if (await exists('pnpm-lock.yaml')) {
    await install('pnpm', ['install', '--frozen-lockfile', '--ignore-scripts']);
  } else {
    await install('npm', ['ci', '--ignore-scripts']);
  }
};

/** A package.json larger than this is not read (untrusted input). */
const MAX_PACKAGE_JSON_BYTES = 512 * 1024;

/** Go tools run offline: nothing is downloaded, no other toolchain is fetched. */
const GO_ENV = { GOPROXY: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };
/**
 * What each fixer runs with. ESLint 7's v8-compile-cache breaks on the ES
 * modules of current dependencies under Node 22; it only caches.
 */
const ENV: Partial<Record<LintFixer['tool'], Record<string, string>>> = {
  eslint: { DISABLE_V8_COMPILE_CACHE: '1' },
  gofmt: GO_ENV,
  goimports: GO_ENV,
};

/**
 * What {@link runLintFixers} did: the fixers that ran, and the optional
 * ones the toolchain does not have, with why.
 *
 * @public
 */
export interface LintFixersRun {
  /** The fixers that ran, in order. */
  ran: LintFixer[];
  /** Optional fixers the toolchain does not have, with the runner's error. */
  unavailable: { fixer: LintFixer; reason: string }[];
}

/** The fixers a checkout's root declares (package.json, Python and Go markers). */
export async function readCheckoutFixers(dir: string): Promise<LintFixer[]> {
  const rootFiles = await fs.readdir(dir);
  let packageJson;
  if (rootFiles.includes('package.json')) {
    const path = join(dir, 'package.json');
    if ((await fs.stat(path)).size <= MAX_PACKAGE_JSON_BYTES) {
      try {
        packageJson = JSON.parse(await fs.readFile(path, 'utf8'));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        // An unreadable package.json declares no Node tools.
      }
    }
  }
  return detectLintFixers({ packageJson, rootFiles });
}

/**
 * Runs a checkout's own lint and format fixers in place, each through the
 * isolated tool runner without network: the Node tools from the checkout's
 * node_modules (installed first by `install`, kept out of the change set),
 * ruff and the Go tools from the runner's toolchain. A required fixer that
 * fails fails the run; an optional one that is missing is reported.
 *
 * @public
 */
export async function runLintFixers(
  checkout: Pick<WritableCheckout, 'dir' | 'exclude'>,
  options: {
    tools: IsolatedToolRunner;
    signal: AbortSignal;
    install: InstallDependencies;
    /** Only these tools (ci_repair runs the formatters alone for a format failure). */
    only?: LintFixer['tool'][];
  },
): Promise<LintFixersRun> {
  const fixers = (await readCheckoutFixers(checkout.dir)).filter(
    fixer => !options.only || options.only.includes(fixer.tool),
  );
  if (fixers.some(fixer => fixer.source === 'node_modules')) {
    await checkout.exclude('/node_modules');
    await options.install(checkout.dir, options.signal, options.tools);
  }
  const run: LintFixersRun = { ran: [], unavailable: [] };
  for (const fixer of fixers) {
    const command =
      fixer.source === 'node_modules'
        ? join(checkout.dir, 'node_modules', '.bin', fixer.tool)
        : fixer.tool;
    try {
      await options.tools.run(command, fixer.args, {
        cwd: checkout.dir,
        okCodes: fixer.okCodes,
        signal: options.signal,
        env: ENV[fixer.tool] ?? {},
      });
      run.ran.push(fixer);
    } catch (error) {
      const reason = String((error as Error)?.message ?? error);
      const missing = /no such file|not found|ENOENT/i.test(reason);
      if (missing && fixer.optional) {
        run.unavailable.push({ fixer, reason: reason.slice(0, 300) });
        continue;
      }
      if (missing && fixer.source === 'toolchain') {
        throw new Error(
          `${fixer.tool} is not on the isolated tool runner's toolchain (platform.isolation.toolchain; scripts/lint-tools.sh installs it): ${reason}`,
        );
      }
      throw error;
    }
  }
  return run;
}
