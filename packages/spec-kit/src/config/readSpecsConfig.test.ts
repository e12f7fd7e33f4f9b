import { normalizeSpecsPath, readSpecsConfig } from './readSpecsConfig';

describe('readSpecsConfig', () => {
  it('reads specs.path and defaults to specs', () => {
    expect(readSpecsConfig('specs:\n  path: ./docs/specs/\n')).toEqual({
      path: 'docs/specs',
      diagnostics: [],
    });
    expect(readSpecsConfig('conventions: {}\n')).toEqual({
      path: 'specs',
      diagnostics: [],
    });
    expect(readSpecsConfig('')).toEqual({ path: 'specs', diagnostics: [] });
  });

  it('warns about paths that leave the repository and about malformed YAML', () => {
    expect(readSpecsConfig('specs:\n  path: ../other\n')).toEqual({
      path: 'specs',
      diagnostics: [
        {
          file: 'catalyst.yaml',
          line: 2,
          severity: 'warning',
          message:
            'specs.path must be a relative path inside the repository; using the default',
        },
      ],
    });
    expect(readSpecsConfig('a: 1\nspecs: [\n').diagnostics).toEqual([
      expect.objectContaining({ file: 'catalyst.yaml', line: 2 }),
    ]);
  });

  it('normalizes specs paths', () => {
    expect(normalizeSpecsPath('.')).toBe('');
    expect(normalizeSpecsPath('docs\\specs')).toBe('docs/specs');
    expect(normalizeSpecsPath('/abs')).toBeUndefined();
    expect(normalizeSpecsPath('C:/abs')).toBeUndefined();
  });
});
