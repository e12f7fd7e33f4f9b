/**
 * How repository tools are isolated: `bwrap` runs them with bubblewrap in new
 * user, mount, PID and network namespaces (Linux); `none` only clears their
 * environment and is an admin's explicit opt-out.
 *
 * @public
 */
export type IsolationMode = 'bwrap' | 'none';

/**
 * One run of a repository's tool.
 *
 * @public
 */
export interface IsolatedRunOptions {
  /** The checkout; the only folder the tool may write, and its working directory. */
  cwd: string;
  isolation: IsolationMode;
  /** Whether the tool may reach the network (package managers); default false. */
  network?: boolean;
  /** The tool's whole environment besides PATH and HOME; never the backend's. */
  env?: Record<string, string>;
  /**
   * Folders put first on the tool's PATH (e.g. the bin folder of the Node.js
   * the backend runs on); with `bwrap` they must be under `/usr` or in
   * `readOnlyPaths`.
   */
  toolPath?: string[];
  /** Folders the tool may read besides the system's (the toolchain it runs); mounted read-only. */
  readOnlyPaths?: string[];
  /** Killed after this long; default 10 minutes. */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each; default 1 MiB. */
  maxOutputBytes?: number;
  /** Kills the tool (its whole process group) when aborted. */
  signal?: AbortSignal;
}

/**
 * What an isolated run did.
 *
 * @public
 */
export interface IsolatedRunResult {
  /** The exit code, or undefined when a signal (or the timeout) ended the tool. */
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Whether stdout or stderr went past the cap and was cut. */
  truncated: boolean;
}
