import type { Config } from '@backstage/config';
import { readFlakyTestConfig } from './config';
import { detectFlakyTests } from './scanner/detectFlakyTests';
import { readTestRuns } from './scanner/readTestRuns';

/**
 * The tests the flaky-test scanners find flaky now in one repository
 * (`owner/name`, as in `platform.tasks.flakyTests[].repository`): their ids,
 * `<classname> › <name>` or the name alone. Other task types (`ci_repair`)
 * read them to tell a known-flaky test failure from a real one.
 *
 * @public
 */
export async function findKnownFlakyTests(
  config: Config,
  repository: string,
  now: Date = new Date(),
): Promise<string[]> {
  const entries = readFlakyTestConfig(config).filter(
    entry => entry.repository.toLowerCase() === repository.toLowerCase(),
  );
  const ids = new Set<string>();
  for (const entry of entries) {
    const runs = await readTestRuns(entry.reportsDir);
    for (const test of detectFlakyTests(runs, entry.policy, now)) {
      ids.add(test.testId);
    }
  }
  return [...ids].sort();
}
