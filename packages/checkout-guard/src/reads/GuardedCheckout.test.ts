import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckoutPathError } from './CheckoutPathError';
import { GuardedCheckout } from './GuardedCheckout';

describe('GuardedCheckout', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'guarded-checkout-'));
    outside = mkdtempSync(join(tmpdir(), 'guarded-outside-'));
    writeFileSync(join(outside, 'secret'), 'GITHUB_TOKEN=ghp_outside');
    writeFileSync(join(root, 'README.md'), '# repo\n');
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'guide.md'), 'guide\n');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  function problemOf(action: () => unknown) {
    try {
      action();
    } catch (error) {
      if (error instanceof CheckoutPathError) return error.problem;
      throw error;
    }
    return 'none';
  }

  it('reads files of the checkout and symlinks that stay inside it', () => {
    symlinkSync('docs/guide.md', join(root, 'GUIDE.md'));
    const checkout = GuardedCheckout.open(root);
    expect(checkout.readText('README.md')).toBe('# repo\n');
    expect(checkout.readText('GUIDE.md')).toBe('guide\n');
    expect(checkout.readTextIfExists('missing.md')).toBeUndefined();
    expect(checkout.exists('docs')).toBe(true);
    expect(checkout.exists('missing.md')).toBe(false);
  });

  it('never follows a symlink out of the checkout', () => {
    symlinkSync('/proc/self/environ', join(root, '.editorconfig'));
    symlinkSync(join(outside, 'secret'), join(root, 'AGENTS.md'));
    symlinkSync(outside, join(root, 'config'));
    symlinkSync('../../../../../../etc/passwd', join(root, 'docs', 'passwd'));
    const checkout = GuardedCheckout.open(root);
    for (const path of [
      '.editorconfig',
      'AGENTS.md',
      'config/secret',
      'docs/passwd',
    ]) {
      expect(problemOf(() => checkout.readText(path))).toBe('outside-checkout');
      expect(checkout.isFile(path)).toBe(false);
      expect(checkout.exists(path)).toBe(false);
    }
    expect(problemOf(() => checkout.readTextIfExists('AGENTS.md'))).toBe(
      'outside-checkout',
    );
  });

  it('refuses paths that leave the root by themselves', () => {
    const checkout = GuardedCheckout.open(root);
    expect(problemOf(() => checkout.readText('../x'))).toBe('outside-checkout');
    expect(problemOf(() => checkout.readText('docs/../../x'))).toBe(
      'outside-checkout',
    );
    expect(problemOf(() => checkout.readText('/etc/passwd'))).toBe(
      'outside-checkout',
    );
    expect(problemOf(() => checkout.readText('a\0b'))).toBe('outside-checkout');
  });

  it('caps file size, tells binary files apart and refuses non-files', () => {
    writeFileSync(join(root, 'big.txt'), 'x'.repeat(2048));
    writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0, 1, 2]));
    symlinkSync('loop-b', join(root, 'loop-a'));
    symlinkSync('loop-a', join(root, 'loop-b'));
    const checkout = GuardedCheckout.open(root, { maxFileBytes: 1024 });
    expect(problemOf(() => checkout.readText('big.txt'))).toBe('too-large');
    expect(problemOf(() => checkout.readText('image.png'))).toBe('binary');
    expect(checkout.readBytes('image.png')).toHaveLength(5);
    expect(problemOf(() => checkout.readText('docs'))).toBe('not-a-file');
    expect(problemOf(() => checkout.readText('loop-a'))).toBe('symlink');
  });

  it('lists regular files only, and stops past the file cap', () => {
    symlinkSync(outside, join(root, 'linked-folder'));
    symlinkSync(join(outside, 'secret'), join(root, 'linked-file'));
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'node_modules', 'x.js'), '');
    const checkout = GuardedCheckout.open(root);
    expect(checkout.listFiles()).toEqual(['README.md', 'docs/guide.md']);
    expect(checkout.listFiles(path => path === 'docs/')).toEqual(['README.md']);
    expect(
      problemOf(() => GuardedCheckout.open(root, { maxFiles: 1 }).listFiles()),
    ).toBe('too-large');
  });

  it('writes without following symlinks', () => {
    symlinkSync(join(outside, 'secret'), join(root, '.editorconfig'));
    symlinkSync(outside, join(root, '.github'));
    const checkout = GuardedCheckout.open(root);
    expect(problemOf(() => checkout.writeText('.editorconfig', 'x'))).toBe(
      'symlink',
    );
    expect(
      problemOf(() => checkout.writeText('.github/workflows/ci.yml', 'x')),
    ).toBe('symlink');
    expect(problemOf(() => checkout.writeText('../escape', 'x'))).toBe(
      'outside-checkout',
    );
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe(
      'GITHUB_TOKEN=ghp_outside',
    );

    checkout.writeText('a/b/new.txt', 'new\n');
    checkout.writeText('README.md', 'changed\n');
    expect(readFileSync(join(root, 'a', 'b', 'new.txt'), 'utf8')).toBe('new\n');
    expect(checkout.readText('README.md')).toBe('changed\n');
  });
});
