import type { SpecDiagnostic } from '../types';
import { parseFrontmatter } from './parseFrontmatter';

/**
 * The metadata at the top of a Spec Kit document: its `# ` title and the bold
 * header lines (`**Status**: Draft`) or YAML frontmatter keys.
 *
 * @public
 */
export interface SpecDocumentHeader {
  /** First `# ` heading, with a `Feature Specification:`-style prefix removed. */
  title?: string;
  /** `**Spec**`, `**Spec ID**` or frontmatter `spec` / `id`. */
  specId?: string;
  /** `**Feature Branch**`, `**Branch**` or frontmatter `branch`. */
  branch?: string;
  /** `**Created**`, `**Date**` or frontmatter `created` / `date`, as written. */
  created?: string;
  /** `**Status**` or frontmatter `status`, lower-cased. */
  status?: string;
}

type HeaderField = Exclude<keyof SpecDocumentHeader, 'title'>;

const boldFieldKeys: Record<string, HeaderField> = {
  spec: 'specId',
  'spec id': 'specId',
  'feature id': 'specId',
  'feature branch': 'branch',
  branch: 'branch',
  created: 'created',
  'created date': 'created',
  date: 'created',
  status: 'status',
};

const frontmatterKeys: Record<string, HeaderField | 'title'> = {
  title: 'title',
  spec: 'specId',
  spec_id: 'specId',
  id: 'specId',
  branch: 'branch',
  feature_branch: 'branch',
  created: 'created',
  date: 'created',
  status: 'status',
};

const titlePrefix =
  /^(?:feature\s+specification|feature\s+spec|specification|implementation\s+plan|tasks|task\s+list)\s*[:\u2013\u2014-]\s*/i;

/**
 * Reads the header of a Spec Kit document with a line scan: frontmatter, the
 * first `# ` heading and bold `**Key**: value` lines before the first `##`
 * heading, outside fenced code. Frontmatter wins over bold lines.
 *
 * @public
 */
export function readDocumentHeader(
  markdown: string,
  file: string,
): { header: SpecDocumentHeader; diagnostics: SpecDiagnostic[] } {
  const header: SpecDocumentHeader = {};
  const diagnostics: SpecDiagnostic[] = [];
  const lines = markdown.replace(/^\uFEFF/, '').split('\n');

  let index = 0;
  let fromFrontmatter: SpecDocumentHeader = {};
  if (/^---[ \t]*\r?$/.test(lines[0] ?? '')) {
    const close = lines.findIndex(
      (line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*\r?$/.test(line),
    );
    if (close === -1) {
      diagnostics.push({
        file,
        line: 1,
        severity: 'warning',
        message: 'Frontmatter opened on line 1 is never closed with `---`',
      });
    } else {
      const result = parseFrontmatter(
        lines.slice(1, close).join('\n'),
        2,
        file,
      );
      diagnostics.push(...result.diagnostics);
      fromFrontmatter = readFrontmatterFields(result.data ?? {});
      index = close + 1;
    }
  }

  let fence: string | undefined;
  let inPreamble = true;
  for (; index < lines.length; index++) {
    const line = lines[index];
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (
        fenceMatch &&
        fenceMatch[1][0] === fence[0] &&
        fenceMatch[1].length >= fence.length &&
        fenceMatch[2].trim() === ''
      ) {
        fence = undefined;
      }
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const heading =
      /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*(?:[ \t]#+[ \t]*)?\r?$/.exec(line);
    if (heading) {
      if (heading[1].length === 1 && header.title === undefined) {
        header.title = heading[2].replace(titlePrefix, '').trim() || undefined;
      } else if (heading[1].length > 1) {
        inPreamble = false;
      }
      if (!inPreamble && header.title !== undefined) break;
      continue;
    }
    if (inPreamble && line.includes('**')) {
      readBoldFields(line, header);
    }
  }
  return {
    header: { ...header, ...definedOnly(fromFrontmatter) },
    diagnostics,
  };
}

function readBoldFields(line: string, header: SpecDocumentHeader) {
  for (const segment of line.split(/\s+\|\s+/)) {
    const match = /^\s*(?:[-*+]\s+)?\*\*([^*:]{1,40}?):?\*\*:?/.exec(segment);
    if (!match) continue;
    const field = boldFieldKeys[match[1].trim().toLowerCase()];
    if (!field || header[field] !== undefined) continue;
    // A trailing backslash is a markdown hard line break, not part of the value.
    const raw = segment.slice(match[0].length).trim().replace(/\\$/, '').trim();
    const value = cleanValue(raw, field);
    if (value !== undefined) header[field] = value;
  }
}

function readFrontmatterFields(
  data: Record<string, unknown>,
): SpecDocumentHeader {
  const header: SpecDocumentHeader = {};
  for (const [key, raw] of Object.entries(data)) {
    const field = frontmatterKeys[key.toLowerCase()];
    if (!field || header[field] !== undefined) continue;
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const value =
      field === 'title'
        ? String(raw).trim() || undefined
        : cleanValue(String(raw), field);
    if (value !== undefined) header[field] = value;
  }
  return header;
}

function cleanValue(raw: string, field: HeaderField): string | undefined {
  let value = raw.trim();
  const code = /^`([^`]*)`/.exec(value);
  if (code) value = code[1].trim();
  // Template placeholders (`[###-feature-name]`, `[DATE]`) are not values.
  if (value === '' || /^\[[^\]]*\]$/.test(value)) return undefined;
  if (field === 'status') {
    const status = value.replace(/^[^\p{L}\p{N}]+/u, '').toLowerCase();
    return status || undefined;
  }
  if (field === 'specId') {
    return /^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u.test(value) &&
      !/\.md$/i.test(value)
      ? value
      : undefined;
  }
  return value;
}

function definedOnly(header: SpecDocumentHeader): SpecDocumentHeader {
  return Object.fromEntries(
    Object.entries(header).filter(([, value]) => value !== undefined),
  );
}
