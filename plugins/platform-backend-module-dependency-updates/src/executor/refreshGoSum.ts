import { runCommand } from '@catalyst/plugin-platform-node';

/** Brings go.mod's requirements and go.sum in line with the edited versions. */
export type RefreshGoSum = (
  dir: string,
  options: {
    /** `example.com/mod@v1.3.0` */
    modules: string[];
    goProxy?: string;
    goSumDb?: string;
    signal: AbortSignal;
  },
) => Promise<void>;

/**
 * `go get <module>@<version>...` with the local toolchain only: adds the
 * new versions' go.sum lines and raises what they require (minimal version
 * selection). `goProxy` and `goSumDb` replace GOPROXY and GOSUMDB.
 */
export const refreshGoSum: RefreshGoSum = async (
  dir,
  { modules, goProxy, goSumDb, signal },
) => {
  await runCommand('go', ['get', ...modules], {
    cwd: dir,
    signal,
    env: {
      GOTOOLCHAIN: 'local',
      ...(goProxy ? { GOPROXY: goProxy } : {}),
      ...(goSumDb ? { GOSUMDB: goSumDb } : {}),
    },
  });
};
