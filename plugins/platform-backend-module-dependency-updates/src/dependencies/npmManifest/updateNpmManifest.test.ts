import { readNpmDependencies } from './readNpmDependencies';
import { updateNpmManifest } from './updateNpmManifest';

// Four-space indentation, a one-line array and odd key order must survive.
const MANIFEST = `{
    "name": "web",
    "files": ["dist"],
    "devDependencies": {
        "left-pad": "1.2.0",
        "right-pad": "~2.0.0"
    },
    "dependencies": {
        "zeta": "^1.2.0",
        "left-pad": "^1.2.0",
        "local": "workspace:^",
        "linked": "file:../linked",
        "git-dep": "github:acme/git-dep",
        "tagged": "latest",
        "union": "^1.0.0 || ^2.0.0",
        "floor": ">=3.1.0"
    }
}
`;

describe('readNpmDependencies', () => {
  it('reads ranges it can move and skips workspace, file, git, tag and union specs', () => {
    expect(
      readNpmDependencies(MANIFEST).map(dep => [
        dep.section,
        dep.name,
        dep.spec,
      ]),
    ).toEqual([
      ['dependencies', 'zeta', '^1.2.0'],
      ['dependencies', 'left-pad', '^1.2.0'],
      ['dependencies', 'floor', '>=3.1.0'],
      ['devDependencies', 'left-pad', '1.2.0'],
      ['devDependencies', 'right-pad', '~2.0.0'],
    ]);
  });
});

describe('updateNpmManifest', () => {
  it('keeps the range style and every other byte of the file', () => {
    const { text, applied } = updateNpmManifest(MANIFEST, [
      { name: 'left-pad', section: 'dependencies', to: '1.3.0' },
      { name: 'left-pad', section: 'devDependencies', to: '1.3.0' },
      { name: 'right-pad', section: 'devDependencies', to: '2.1.4' },
      { name: 'floor', section: 'dependencies', to: '4.0.0' },
    ]);
    expect(applied).toEqual(['left-pad', 'left-pad', 'right-pad', 'floor']);
    expect(text).toBe(
      MANIFEST.replace('"left-pad": "1.2.0"', '"left-pad": "1.3.0"')
        .replace('"right-pad": "~2.0.0"', '"right-pad": "~2.1.4"')
        .replace('"left-pad": "^1.2.0"', '"left-pad": "^1.3.0"')
        .replace('"floor": ">=3.1.0"', '"floor": ">=4.0.0"'),
    );
  });

  it('leaves a dependency that is gone or already at the version', () => {
    const { text, applied } = updateNpmManifest(MANIFEST, [
      { name: 'zeta', section: 'dependencies', to: '1.2.0' },
      { name: 'gone', section: 'dependencies', to: '9.0.0' },
      { name: 'local', section: 'dependencies', to: '9.0.0' },
    ]);
    expect(applied).toEqual([]);
    expect(text).toBe(MANIFEST);
  });
});
