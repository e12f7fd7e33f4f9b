import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { TestRun } from './detectFlakyTests';
import { parseJunitReport } from './parseJunitReport';

async function xmlFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async entry => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return xmlFiles(path);
      return entry.isFile() && entry.name.endsWith('.xml') ? [path] : [];
    }),
  );
  return nested.flat();
}

/**
 * The test runs under `reportsDir`: one folder per commit (`<sha>/`), each
 * JUnit XML file in it one run. A run happened at its suite's `timestamp`,
 * else at the file's modification time.
 */
export async function readTestRuns(reportsDir: string): Promise<TestRun[]> {
  const commits = await fs.readdir(reportsDir, { withFileTypes: true });
  const runs: TestRun[] = [];
  for (const commit of commits.filter(entry => entry.isDirectory())) {
    for (const file of await xmlFiles(join(reportsDir, commit.name))) {
      const report = parseJunitReport(await fs.readFile(file, 'utf8'));
      runs.push({
        commit: commit.name,
        ranAt: report.timestamp ?? (await fs.stat(file)).mtime,
        source: relative(reportsDir, file),
        cases: report.cases,
      });
    }
  }
  return runs;
}
