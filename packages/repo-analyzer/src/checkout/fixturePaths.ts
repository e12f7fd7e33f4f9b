/** Test fixtures and sample data: real-looking repositories inside the repository. */
const FIXTURE =
  /(^|\/)(__fixtures__|fixtures|testdata|__snapshots__|__mocks__)\//;

/** True for paths inside test fixture folders, which do not describe the repository itself. */
export function isFixturePath(path: string): boolean {
  return FIXTURE.test(path);
}
