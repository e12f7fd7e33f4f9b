import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  writeSync,
} from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { CheckoutPathError } from './CheckoutPathError';

/**
 * Caps on what a guarded checkout reads.
 *
 * @public
 */
export interface GuardedCheckoutLimits {
  /** Largest file read whole; larger ones are refused as too large. Default 2 MiB. */
  maxFileBytes?: number;
  /** Most files `listFiles` returns before it stops with an error. Default 200,000. */
  maxFiles?: number;
}

const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_FILES = 200_000;
const BINARY_SNIFF_BYTES = 8000;
const NEVER_LISTED = new Set(['.git', 'node_modules']);

/**
 * A repository checkout read and written as untrusted input: no path, symlink or
 * parent folder leads outside its root, reads are capped in size and count, and
 * binary files are told apart from text.
 *
 * @public
 */
export class GuardedCheckout {
  readonly maxFileBytes: number;
  readonly maxFiles: number;

  /** Opens the checkout at `root`, which must be a folder. */
  static open(root: string, limits: GuardedCheckoutLimits = {}) {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      throw new CheckoutPathError(root, 'not-found', `${root} does not exist`);
    }
    if (!lstatSync(realRoot).isDirectory()) {
      throw new CheckoutPathError(
        root,
        'not-a-file',
        `${root} is not a folder`,
      );
    }
    return new GuardedCheckout(realRoot, limits);
  }

  private constructor(readonly root: string, limits: GuardedCheckoutLimits) {
    this.maxFileBytes = limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxFiles = limits.maxFiles ?? DEFAULT_MAX_FILES;
  }

  /**
   * The real absolute path of `path` (relative to the root), after every symlink
   * on the way; refuses paths that end up outside the checkout.
   */
  resolve(path: string): string {
    const lexical = this.lexicalPath(path);
    let real: string;
    try {
      real = realpathSync(lexical);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') {
        throw new CheckoutPathError(path, 'symlink', `${path}: symlink loop`);
      }
      throw new CheckoutPathError(path, 'not-found', `${path} does not exist`);
    }
    if (!this.contains(real)) {
      throw new CheckoutPathError(
        path,
        'outside-checkout',
        `${path} leads outside the checkout`,
      );
    }
    return real;
  }

  /** Whether `path` is a file or folder inside the checkout; a symlink out counts as absent. */
  exists(path: string): boolean {
    try {
      this.resolve(path);
      return true;
    } catch (error) {
      if (error instanceof CheckoutPathError) return false;
      throw error;
    }
  }

  /** Whether `path` is a regular file inside the checkout. */
  isFile(path: string): boolean {
    try {
      return lstatSync(this.resolve(path)).isFile();
    } catch (error) {
      if (error instanceof CheckoutPathError) return false;
      throw error;
    }
  }

  /** The bytes of a file, refusing escapes, non-files and files over the cap. */
  readBytes(path: string): Buffer {
    const real = this.resolve(path);
    const fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) {
        throw new CheckoutPathError(
          path,
          'not-a-file',
          `${path} is not a file`,
        );
      }
      if (stats.size > this.maxFileBytes) {
        throw new CheckoutPathError(
          path,
          'too-large',
          `${path} has ${stats.size} bytes, more than the ${this.maxFileBytes} read`,
        );
      }
      const buffer = Buffer.alloc(stats.size);
      let offset = 0;
      while (offset < buffer.length) {
        const read = readSync(fd, buffer, offset, buffer.length - offset, null);
        if (read === 0) break;
        offset += read;
      }
      return buffer.subarray(0, offset);
    } finally {
      closeSync(fd);
    }
  }

  /** The UTF-8 text of a file; binary files are refused. */
  readText(path: string): string {
    const bytes = this.readBytes(path);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      throw new CheckoutPathError(path, 'binary', `${path} is a binary file`);
    }
    return bytes.toString('utf8');
  }

  /** The text of a file, or undefined when it is absent; other refusals throw. */
  readTextIfExists(path: string): string | undefined {
    try {
      return this.readText(path);
    } catch (error) {
      if (error instanceof CheckoutPathError && error.problem === 'not-found') {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Writes a file of the checkout without following symlinks: neither the file
   * nor any folder on its way may be a symlink, so a write never lands outside.
   */
  writeText(path: string, content: string): void {
    const lexical = this.lexicalPath(path);
    const parts = normalize(path).split(sep);
    let folder = this.root;
    for (const part of parts.slice(0, -1)) {
      folder = join(folder, part);
      const stats = lstatIfExists(folder);
      if (!stats) {
        mkdirSync(folder);
      } else if (!stats.isDirectory()) {
        throw new CheckoutPathError(
          path,
          stats.isSymbolicLink() ? 'symlink' : 'not-a-file',
          `${path}: ${folder.slice(
            this.root.length + 1,
          )} is not a folder of the checkout`,
        );
      }
    }
    const existing = lstatIfExists(lexical);
    if (existing && !existing.isFile()) {
      throw new CheckoutPathError(
        path,
        existing.isSymbolicLink() ? 'symlink' : 'not-a-file',
        `${path} is ${
          existing.isSymbolicLink() ? 'a symlink' : 'not a file'
        }: not written`,
      );
    }
    const fd = openSync(
      lexical,
      constants.O_WRONLY |
        constants.O_CREAT |
        constants.O_TRUNC |
        constants.O_NOFOLLOW,
      0o644,
    );
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The regular files of the checkout as POSIX paths, sorted; symlinks and
   * `.git` / `node_modules` folders are left out, and more than `maxFiles` is an error.
   */
  listFiles(isIgnored: (path: string) => boolean = () => false): string[] {
    const files: string[] = [];
    const pending = [''];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      for (const entry of readdirSync(join(this.root, dir), {
        withFileTypes: true,
      })) {
        const path = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!NEVER_LISTED.has(entry.name) && !isIgnored(`${path}/`)) {
            pending.push(path);
          }
        } else if (entry.isFile() && !isIgnored(path)) {
          if (files.length >= this.maxFiles) {
            throw new CheckoutPathError(
              path,
              'too-large',
              `the checkout has more than ${this.maxFiles} files`,
            );
          }
          files.push(path);
        }
      }
    }
    return files.sort();
  }

  private lexicalPath(path: string): string {
    if (path.includes('\0') || isAbsolute(path)) {
      throw new CheckoutPathError(
        path,
        'outside-checkout',
        `${path} is not a path inside the checkout`,
      );
    }
    const lexical = join(this.root, path);
    if (!this.contains(lexical)) {
      throw new CheckoutPathError(
        path,
        'outside-checkout',
        `${path} leads outside the checkout`,
      );
    }
    return lexical;
  }

  private contains(absolute: string): boolean {
    return absolute === this.root || absolute.startsWith(this.root + sep);
  }
}

function lstatIfExists(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
