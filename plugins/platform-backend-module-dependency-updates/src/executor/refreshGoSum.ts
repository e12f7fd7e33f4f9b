import type { IsolatedToolRunner } from '@catalyst/plugin-platform-node';

/** Brings go.mod's requirements and go.sum in line with the edited versions. */
export type RefreshGoSum = (
  dir: string,
  options: {
    /** `example.com/mod@v1.3.0` */
    modules: string[];
    goProxy?: string;
    goSumDb?: string;
    signal: AbortSignal;
    tools: IsolatedToolRunner;
  },
) => Promise<void>;

/**
 * `go get <module>@<version>...` with the local toolchain only: adds the
 * new versions' go.sum lines and raises what they require (minimal version
 * selection). `goProxy` and `goSumDb` replace GOPROXY and GOSUMDB. Go runs
 * isolated with the network and a throw-away module cache.
 */
export const refreshGoSum: RefreshGoSum = async (
  dir,
  { modules, goProxy, goSumDb, signal, tools },
) => {
  await tools.run('go', ['get', ...modules], {
    cwd: dir,
    signal,
    network: true,
    env: {
      GOTOOLCHAIN: 'local',
      // The cache lives in the throw-away HOME, which must stay removable.
      GOFLAGS: '-modcacherw',
      ...(goProxy ? { GOPROXY: goProxy } : {}),
      ...(goSumDb ? { GOSUMDB: goSumDb } : {}),
    },
  });
};
