import { execFile } from 'node:child_process';
import { accessSync, constants, promises as fs, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  detectIsolation,
  IsolationMode,
  runIsolated,
} from '@catalyst/checkout-guard';
import type { CommandResult } from './runCommand';

/**
 * One run of a repository's tool through the {@link IsolatedToolRunner}.
 *
 * @public
 */
export interface IsolatedToolRunOptions {
  /** The checkout folder (or a folder in it): the only one the tool may write. */
  cwd: string;
  /**
   * Package managers need the network (without credentials); linters and
   * formatters get none. Default false.
   */
  network?: boolean;
  /** Variables for the tool; nothing else of the backend's environment reaches it. */
  env?: Record<string, string>;
  /** Exit codes that count as success (default: 0). */
  okCodes?: number[];
  /** Default: the runner's (`platform.isolation.timeoutSeconds`). */
  timeoutMs?: number;
  /** The task's signal: aborting it kills the tool. */
  signal?: AbortSignal;
}

/**
 * Runs repository tools (linters, formatters, package managers: code that
 * the repository controls) isolated from the backend, as configured under
 * `platform.isolation`.
 *
 * @public
 */
export interface IsolatedToolRunner {
  /** The configured isolation. */
  readonly mode: IsolationMode;
  /**
   * Runs `command` isolated; exit codes outside `okCodes` throw with the
   * tool's stderr. Throws a `NotAllowedError` (the task fails without
   * retries) when the configured isolation is unavailable on this machine.
   */
  run(
    command: string,
    args: string[],
    options: IsolatedToolRunOptions,
  ): Promise<CommandResult>;
}

/**
 * `platform.isolation`, with defaults applied.
 *
 * @public
 */
export interface IsolatedToolRunnerOptions {
  /** Default `bwrap`; `none` is an admin's explicit opt-out. */
  mode?: IsolationMode;
  /**
   * Folders put on the tools' PATH and mounted read-only, after the backend's
   * Node.js and the folders where the backend finds `yarn`, `pnpm` and `go`.
   */
  toolchain?: string[];
  /** Other folders the tools may read (never secrets). */
  readOnlyPaths?: string[];
  /** The npm registry package managers use; default `npm config get registry` of the backend. */
  npmRegistry?: string;
  /** Default ten minutes. */
  timeoutMs?: number;
  /** Bytes kept of a tool's stdout and of its stderr. Default 4 MiB. */
  maxOutputBytes?: number;
}

const MODES: IsolationMode[] = ['bwrap', 'none'];
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/**
 * Reads `platform.isolation`; throws on values that make no sense.
 *
 * @public
 */
export function readIsolationConfig(
  config: RootConfigService,
): IsolatedToolRunnerOptions {
  const isolation = config.getOptionalConfig('platform.isolation');
  const mode = isolation?.getOptionalString('mode') ?? 'bwrap';
  if (!MODES.includes(mode as IsolationMode)) {
    throw new Error(
      `platform.isolation.mode must be one of ${MODES.join(', ')}, got ${mode}`,
    );
  }
  const folders = (key: string) => {
    const value = isolation?.getOptionalStringArray(key) ?? [];
    const relative = value.find(folder => !isAbsolute(folder));
    if (relative !== undefined) {
      throw new Error(
        `platform.isolation.${key} must list absolute folders, got ${relative}`,
      );
    }
    return value;
  };
  const timeoutSeconds = isolation?.getOptionalNumber('timeoutSeconds') ?? 600;
  if (!(timeoutSeconds > 0)) {
    throw new Error(
      `platform.isolation.timeoutSeconds must be a positive number, got ${timeoutSeconds}`,
    );
  }
  const npmRegistry = isolation?.getOptionalString('npmRegistry');
  if (npmRegistry !== undefined && !/^https?:\/\/[^/]+/.test(npmRegistry)) {
    throw new Error(
      `platform.isolation.npmRegistry must be an http(s) URL, got ${npmRegistry}`,
    );
  }
  return {
    mode: mode as IsolationMode,
    toolchain: folders('toolchain'),
    readOnlyPaths: folders('readOnlyPaths'),
    npmRegistry,
    timeoutMs: timeoutSeconds * 1000,
  };
}

/**
 * The {@link IsolatedToolRunner} of `@catalyst/checkout-guard`'s
 * `runIsolated`: an allowlisted environment (PATH to the toolchain, a
 * throw-away HOME, the registry for package managers, nothing else of the
 * backend's), the backend's Node.js and the configured toolchain mounted
 * read-only, the checkout read-write, no network unless the tool is a
 * package manager, and caps on time and output.
 *
 * @public
 */
export class DefaultIsolatedToolRunner implements IsolatedToolRunner {
  /** {@inheritDoc IsolatedToolRunner.mode} */
  readonly mode: IsolationMode;
  private readonly toolPath: string[];
  private readonly readOnlyPaths: string[];
  private availability?: { available: boolean; reason?: string };
  private registry?: Promise<string | undefined>;

  /** The runner `platform.isolation` configures. */
  static fromConfig(config: RootConfigService): DefaultIsolatedToolRunner {
    return new DefaultIsolatedToolRunner(readIsolationConfig(config));
  }

  constructor(private readonly options: IsolatedToolRunnerOptions = {}) {
    this.mode = options.mode ?? 'bwrap';
    // The repository's tools run on the backend's own Node.js (and its npm).
    const nodeBin = dirname(process.execPath);
    const nodePrefix = dirname(dirname(realpathSync(process.execPath)));
    // The package managers the executors call, where the backend finds them.
    const managers = ['yarn', 'pnpm', 'go'].flatMap(tool => {
      const folder = folderOnPath(tool);
      return folder ? [folder] : [];
    });
    this.toolPath = [
      ...new Set([nodeBin, ...managers, ...(options.toolchain ?? [])]),
    ];
    this.readOnlyPaths = [
      ...new Set(
        [...this.toolPath, nodePrefix, ...(options.readOnlyPaths ?? [])].filter(
          folder => !folder.startsWith('/usr/'),
        ),
      ),
    ];
  }

  /** {@inheritDoc IsolatedToolRunner.run} */
  async run(
    command: string,
    args: string[],
    options: IsolatedToolRunOptions,
  ): Promise<CommandResult> {
    this.availability ??= detectIsolation(this.mode);
    if (!this.availability.available) {
      throw new NotAllowedError(
        `Repository tools run only isolated (platform.isolation.mode: ${this.mode}), ` +
          `which is unavailable on this machine: ${this.availability.reason}. ` +
          'Install bubblewrap, or have an admin set platform.isolation.mode: none to run them with only a cleared environment.',
      );
    }
    if (this.mode === 'none' && basename(command) === 'yarn') {
      await refusePinnedYarnCode(options.cwd);
    }
    const registry = options.network ? await this.npmRegistry() : undefined;
    const result = await runIsolated(command, args, {
      cwd: options.cwd,
      isolation: this.mode,
      network: options.network ?? false,
      env: {
        ...toolEnvironment(registry),
        ...options.env,
      },
      toolPath: this.toolPath,
      readOnlyPaths: this.readOnlyPaths,
      timeoutMs:
        options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxOutputBytes: this.options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      signal: options.signal,
    });
    const exitCode = result.exitCode ?? -1;
    if (result.timedOut || !(options.okCodes ?? [0]).includes(exitCode)) {
      const why = result.timedOut ? 'timed out' : `exit ${exitCode}`;
      throw new Error(
        `${command} ${args.join(' ')} failed (${why}): ${
          result.stderr.trim().slice(-4000) || result.stdout.trim().slice(-4000)
        }`,
      );
    }
    return { exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  /** The configured registry, or the one the backend's own npm is configured with. */
  private npmRegistry(): Promise<string | undefined> {
    if (this.options.npmRegistry) {
      return Promise.resolve(this.options.npmRegistry);
    }
    this.registry ??= promisify(execFile)(
      'npm',
      ['config', 'get', 'registry', '--workspaces=false'],
      { cwd: tmpdir(), timeout: 30_000 },
    ).then(
      ({ stdout }) => stdout.trim() || undefined,
      // Without npm on the backend's PATH the package managers use their own default.
      () => undefined,
    );
    return this.registry;
  }
}

/** The first folder of the backend's PATH holding an executable `tool`. */
function folderOnPath(tool: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (!isAbsolute(folder)) continue;
    try {
      accessSync(join(folder, tool), constants.X_OK);
      return folder;
    } catch {
      // Not in this folder: look in the next one.
    }
  }
  return undefined;
}

/**
 * Without isolation, Yarn must not load JavaScript the repository pins: a
 * `yarnPath` release or `plugins` in any `.yarnrc.yml` Yarn would read (the
 * folder and those above it).
 */
async function refusePinnedYarnCode(cwd: string): Promise<void> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const rc = join(dir, '.yarnrc.yml');
    const text = await fs.readFile(rc, 'utf8').then(
      content => content,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
          return undefined;
        }
        throw error;
      },
    );
    // Any mention counts (a flow mapping or a quoted key is still a setting).
    const pinned = text && /\b(yarnPath|plugins)\b/.exec(text);
    if (pinned) {
      throw new NotAllowedError(
        `${rc} sets ${pinned[1]}: Yarn would run JavaScript from the repository, which is allowed only in isolation (platform.isolation.mode: bwrap)`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * The whole environment of a repository tool besides PATH and HOME: no
 * tokens, no database settings, no proxy credentials. npm's global and user
 * config files are not read (they may hold an admin's tokens); the registry
 * comes in as a variable, never written to a file.
 */
function toolEnvironment(registry: string | undefined): Record<string, string> {
  return {
    LANG: 'C.UTF-8',
    GIT_TERMINAL_PROMPT: '0',
    NPM_CONFIG_GLOBALCONFIG: '/nonexistent/global-npmrc',
    NPM_CONFIG_USERCONFIG: '/nonexistent/user-npmrc',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    ...(registry
      ? {
          NPM_CONFIG_REGISTRY: registry,
          YARN_NPM_REGISTRY_SERVER: registry.replace(/\/$/, ''),
          COREPACK_NPM_REGISTRY: registry.replace(/\/$/, ''),
        }
      : {}),
  };
}
