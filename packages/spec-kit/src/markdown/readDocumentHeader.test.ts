import { readDocumentHeader } from './readDocumentHeader';

describe('readDocumentHeader', () => {
  it('reads the Spec Kit spec template header', () => {
    const markdown = [
      '# Feature Specification: Photo Albums',
      '',
      '**Feature Branch**: `001-photo-albums`  ',
      '**Created**: 2025-01-15  ',
      '**Status**: Draft  ',
      '**Input**: User description: "albums"',
      '',
      '## Requirements',
      '',
      '**Status**: Ignored after the first section',
    ].join('\n');
    expect(readDocumentHeader(markdown, 'spec.md')).toEqual({
      header: {
        title: 'Photo Albums',
        branch: '001-photo-albums',
        created: '2025-01-15',
        status: 'draft',
      },
      diagnostics: [],
    });
  });

  it('reads the plan template line with several fields', () => {
    const markdown =
      '# Implementation Plan: Agents\n\n**Branch**: `007-agents` | **Date**: 2025-01-04 | **Spec**: [spec.md](./spec.md)\n';
    expect(readDocumentHeader(markdown, 'plan.md').header).toEqual({
      title: 'Agents',
      branch: '007-agents',
      created: '2025-01-04',
    });
  });

  it('leaves template placeholders unset and strips status emoji', () => {
    const markdown =
      '# Feature Specification: [FEATURE NAME]\n\n**Feature Branch**: `[###-feature-name]`\n**Created**: [DATE]\n**Status**: ✅ Implemented\n';
    expect(readDocumentHeader(markdown, 'spec.md').header).toEqual({
      title: '[FEATURE NAME]',
      status: 'implemented',
    });
  });

  it('lets frontmatter win and reports malformed frontmatter with its line', () => {
    expect(
      readDocumentHeader(
        '---\ntitle: From Frontmatter\nstatus: Approved\n---\n# Heading\n**Status**: Draft\n',
        'spec.md',
      ).header,
    ).toEqual({ title: 'From Frontmatter', status: 'approved' });

    expect(
      readDocumentHeader('---\nok: 1\nstatus: [bad\n---\n# Title\n', 'spec.md'),
    ).toEqual({
      header: { title: 'Title' },
      diagnostics: [
        expect.objectContaining({
          file: 'spec.md',
          line: 3,
          severity: 'warning',
        }),
      ],
    });
    expect(
      readDocumentHeader('---\nstatus: Draft\n# Title\n', 'spec.md')
        .diagnostics,
    ).toEqual([
      {
        file: 'spec.md',
        line: 1,
        severity: 'warning',
        message: 'Frontmatter opened on line 1 is never closed with `---`',
      },
    ]);
  });

  it('ignores headings inside fenced code', () => {
    expect(
      readDocumentHeader('```md\n# Not the title\n```\n# Real Title\n', 'x.md')
        .header.title,
    ).toBe('Real Title');
  });
});
