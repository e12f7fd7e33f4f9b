import { DependencyList, useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * `useAsync` that can be run again on demand, after an action changed what
 * it loads. `reloadKey` changes with every reload, for children that load
 * related data.
 */
export function useReloadableAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
) {
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey(key => key + 1), []);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsync(load, [...deps, reloadKey]);
  return { ...state, reload, reloadKey };
}
