import {
  closeSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { basename, join, posix, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';
import { AnalysisDiagnostic, FactSource } from '../types';
import { jsonErrorLine, stripJsonComments } from './parseJsonc';
import { runGit } from './runGit';
import { isVendoredPath } from './vendoredPaths';
import { walkFiles } from './walkFiles';

/** A file of the checkout. */
export interface CheckoutFile {
  /** Relative to the root, forward slashes. */
  path: string;
  /** Bytes on disk (of the target, for symlinks). */
  size: number;
  /** Target of a symlink, as written. */
  symlinkTo?: string;
}

/** Limits that keep huge and binary files out of memory. */
export interface CheckoutOptions {
  /** Files larger than this are counted by size but never read whole. Default 1 MiB. */
  maxReadBytes?: number;
}

const DEFAULT_MAX_READ_BYTES = 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000;

/**
 * A checkout on disk: its file list (from `git ls-files` in a git repository,
 * a .gitignore-aware walk otherwise) and careful readers that turn unreadable,
 * huge, binary or malformed files into diagnostics instead of exceptions.
 */
export class Checkout {
  readonly diagnostics: AnalysisDiagnostic[] = [];
  readonly stats = { read: 0, skippedHuge: 0, skippedBinary: 0 };
  private readonly byPath = new Map<string, CheckoutFile>();
  private readonly directories = new Set<string>(['']);
  private readonly texts = new Map<string, string | undefined>();
  private readonly maxReadBytes: number;
  private sorted: CheckoutFile[] = [];
  private readonly byDirectory = new Map<string, CheckoutFile[]>();
  private readonly realRoot: string;

  static async open(
    root: string,
    options: CheckoutOptions = {},
  ): Promise<Checkout> {
    let rootStats;
    try {
      rootStats = statSync(root);
    } catch {
      throw new Error(`${root} does not exist`);
    }
    if (!rootStats.isDirectory()) throw new Error(`${root} is not a folder`);
    const diagnostics: AnalysisDiagnostic[] = [];
    const inside = await runGit(root, ['rev-parse', '--is-inside-work-tree']);
    let paths: string[] | undefined;
    let isGitRepository = false;
    if (inside?.stdout.trim() === 'true') {
      const listed = await runGit(
        root,
        ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
        reason =>
          diagnostics.push({
            severity: 'warning',
            message: `git ls-files failed (${reason}); walked the folder instead`,
          }),
      );
      if (listed) {
        isGitRepository = true;
        paths = [...new Set(listed.stdout.split('\0').filter(Boolean))];
      }
    } else {
      diagnostics.push({
        severity: 'info',
        message:
          'not a git repository: files were listed by walking the folder (honouring .gitignore); no history was read',
      });
    }
    paths ??= walkFiles(root, diagnostics);
    const checkout = new Checkout(root, isGitRepository, options);
    checkout.diagnostics.push(...diagnostics);
    checkout.load(paths);
    return checkout;
  }

  private constructor(
    readonly root: string,
    readonly isGitRepository: boolean,
    options: CheckoutOptions,
  ) {
    this.maxReadBytes = options.maxReadBytes ?? DEFAULT_MAX_READ_BYTES;
    this.realRoot = realpathSync(root);
  }

  // A repository's symlinks are its author's: one that leads outside is never read.
  private leadsOutside(absolute: string): boolean {
    const real = realpathSync(absolute);
    return real !== this.realRoot && !real.startsWith(this.realRoot + sep);
  }

  private load(paths: string[]): void {
    for (const path of paths.sort()) {
      if (isVendoredPath(path)) continue;
      const absolute = join(this.root, path);
      let size: number;
      let symlinkTo: string | undefined;
      try {
        const link = lstatSync(absolute);
        if (link.isSymbolicLink()) {
          symlinkTo = readlinkSync(absolute);
          if (this.leadsOutside(absolute)) {
            this.diagnostics.push({
              severity: 'warning',
              file: path,
              message: 'symlink leads outside the checkout: skipped',
            });
            continue;
          }
          const target = statSync(absolute);
          if (!target.isFile()) continue;
          size = target.size;
        } else if (link.isFile()) {
          size = link.size;
        } else {
          continue;
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') {
          this.diagnostics.push({
            severity: 'warning',
            file: path,
            message: 'symlink loop: skipped',
          });
        } else if (code === 'ENOENT' && symlinkTo !== undefined) {
          this.diagnostics.push({
            severity: 'info',
            file: path,
            message: `broken symlink to ${symlinkTo}: skipped`,
          });
        }
        // Tracked files deleted in the working tree are simply absent.
        continue;
      }
      this.byPath.set(path, { path, size, symlinkTo });
      let dir = posix.dirname(path);
      while (dir !== '.' && !this.directories.has(dir)) {
        this.directories.add(dir);
        dir = posix.dirname(dir);
      }
    }
    this.sorted = [...this.byPath.values()];
    for (const file of this.sorted) {
      const dir =
        posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path);
      const list = this.byDirectory.get(dir);
      if (list) list.push(file);
      else this.byDirectory.set(dir, [file]);
    }
  }

  /** Every file, sorted by path. */
  get files(): readonly CheckoutFile[] {
    return this.sorted;
  }

  get name(): string {
    return basename(this.root);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  file(path: string): CheckoutFile | undefined {
    return this.byPath.get(path);
  }

  hasDirectory(path: string): boolean {
    return this.directories.has(path.replace(/\/$/, ''));
  }

  /** The first of `paths` that exists. */
  first(...paths: string[]): string | undefined {
    return paths.find(p => this.byPath.has(p));
  }

  /** Files directly inside `dir` ('' for the root). */
  filesIn(dir: string): readonly CheckoutFile[] {
    return this.byDirectory.get(dir.replace(/\/$/, '')) ?? [];
  }

  /** Every folder with files in or below it, '' for the root, sorted. */
  get folders(): string[] {
    return [...this.directories].sort();
  }

  /** Files anywhere below `dir`. */
  filesUnder(dir: string): CheckoutFile[] {
    const prefix = dir ? `${dir.replace(/\/$/, '')}/` : '';
    return this.files.filter(f => f.path.startsWith(prefix));
  }

  /**
   * The text of a file, or undefined when it is absent, too large, binary or
   * unreadable (the last three leave a diagnostic).
   */
  readText(path: string, maxBytes = this.maxReadBytes): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const file = this.byPath.get(path);
    let text: string | undefined;
    if (file) {
      if (file.size > maxBytes) {
        this.stats.skippedHuge++;
        this.diagnostics.push({
          severity: 'info',
          file: path,
          message: `not read: ${file.size} bytes is over the ${maxBytes}-byte limit`,
        });
      } else {
        text = this.readFile(path);
      }
    }
    this.texts.set(path, text);
    return text;
  }

  /** The first `bytes` of a text file, without reading the rest; undefined for binary files. */
  readHead(path: string, bytes = 1024): string | undefined {
    const file = this.byPath.get(path);
    if (!file) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(join(this.root, path), 'r');
      const buffer = Buffer.alloc(Math.min(bytes, file.size));
      const read = readSync(fd, buffer, 0, buffer.length, 0);
      const head = buffer.subarray(0, read);
      if (head.includes(0)) return undefined;
      return head.toString('utf8');
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private readFile(path: string): string | undefined {
    let buffer: Buffer;
    try {
      buffer = readFileSync(join(this.root, path));
    } catch (error) {
      this.diagnostics.push({
        severity: 'warning',
        file: path,
        message: `could not read: ${(error as Error).message}`,
      });
      return undefined;
    }
    if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      this.stats.skippedBinary++;
      return undefined;
    }
    this.stats.read++;
    // Windows line endings would defeat every line-anchored pattern; line numbers stay the same.
    return buffer
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n/g, '\n');
  }

  /** Reports a problem with a file. */
  warn(file: string, message: string, line?: number): void {
    this.diagnostics.push({ severity: 'warning', file, line, message });
  }

  /** Parses a JSON (or, with `comments`, JSONC) file; malformed files leave a diagnostic. */
  readJson(path: string, comments = false): unknown {
    const text = this.readText(path);
    if (text === undefined) return undefined;
    const source = comments ? stripJsonComments(text) : text;
    try {
      return JSON.parse(source);
    } catch (error) {
      this.warn(
        path,
        `malformed JSON: ${(error as Error).message}`,
        jsonErrorLine(source, error as Error),
      );
      return undefined;
    }
  }

  /** Parses a YAML file; malformed files leave a diagnostic. */
  readYaml(path: string): unknown {
    const text = this.readText(path);
    if (text === undefined) return undefined;
    const document = parseDocument(text, { uniqueKeys: false });
    if (document.errors.length > 0) {
      const first = document.errors[0];
      this.warn(
        path,
        `malformed YAML: ${first.message.split('\n')[0]}`,
        first.linePos?.[0].line,
      );
      return undefined;
    }
    return document.toJS({ maxAliasCount: 1000 });
  }

  /** Parses a TOML file; malformed files leave a diagnostic. */
  readToml(path: string): Record<string, unknown> | undefined {
    const text = this.readText(path);
    if (text === undefined) return undefined;
    try {
      return parseToml(text) as Record<string, unknown>;
    } catch (error) {
      const line = (error as { line?: number }).line;
      this.warn(
        path,
        `malformed TOML: ${(error as Error).message.split('\n')[0]}`,
        line,
      );
      return undefined;
    }
  }

  /**
   * Where the first line matching `pattern` sits, as a fact source; with
   * `after`, the search starts at the first line matching that anchor.
   */
  sourceOf(
    path: string,
    pattern?: RegExp | string,
    after?: RegExp | string,
  ): FactSource {
    if (!pattern) return { file: path };
    const text = this.readText(path);
    if (text === undefined) return { file: path };
    const lines = text.split('\n');
    const matches = (line: string, p: RegExp | string) =>
      typeof p === 'string' ? line.includes(p) : p.test(line);
    let start = 0;
    if (after) {
      const anchor = lines.findIndex(line => matches(line, after));
      if (anchor >= 0) start = anchor;
    }
    for (let i = start; i < lines.length; i++) {
      if (matches(lines[i], pattern)) return { file: path, line: i + 1 };
    }
    return { file: path };
  }
}
