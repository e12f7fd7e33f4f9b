import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { writeSpecSite } from './specSite';

describe('writeSpecSite', () => {
  const spec = createMockDirectory({
    content: {
      'spec.md':
        '# Feature Specification: Login\n\n| a | b |\n| - | - |\n| 1 | 2 |\n',
      'plan.md': '# Implementation Plan: Login\n',
      'tasks.md': '# Tasks: Login\n\n- [ ] T001 Do it\n',
      'research.md': '# Research\n',
      'research-auth.md': '# Research: auth\n',
      'data-model.md': '# Data Model\n',
      'quickstart.md': '# Quickstart\n',
      'contracts/api.md': '# API\n',
      'contracts/openapi.yaml': 'openapi: 3.0.3\n',
      'checklists/requirements.md': '# Checklist\n\n- [x] CHK001 Clear\n',
      'notes.md': '# Notes\n',
    },
  });
  const site = createMockDirectory();

  it('lays the folder out as an MkDocs project without touching it', async () => {
    const before = spec.content();
    await writeSpecSite({
      specDir: spec.path,
      siteDir: site.path,
      title: 'Login',
    });
    expect(spec.content()).toEqual(before);

    const mkdocs = parse(readFileSync(join(site.path, 'mkdocs.yml'), 'utf8'));
    expect(mkdocs).toEqual({
      site_name: 'Login',
      docs_dir: 'docs',
      nav: [
        { Specification: 'index.md' },
        { Plan: 'plan.md' },
        { Tasks: 'tasks.md' },
        { Research: 'research.md' },
        { 'Research auth': 'research-auth.md' },
        { 'Data model': 'data-model.md' },
        { Contracts: ['contracts/api.md', 'contracts/openapi-yaml.md'] },
        { Quickstart: 'quickstart.md' },
        { Checklists: ['checklists/requirements.md'] },
        { Other: ['notes.md'] },
      ],
      theme: { name: 'material', font: false },
      plugins: ['techdocs-core'],
    });
    expect(readFileSync(join(site.path, 'docs/index.md'), 'utf8')).toContain(
      'Feature Specification: Login',
    );
    expect(existsSync(join(site.path, 'docs/contracts/openapi.yaml'))).toBe(
      true,
    );
    expect(
      readFileSync(join(site.path, 'docs/contracts/openapi-yaml.md'), 'utf8'),
    ).toBe('# openapi.yaml\n\n```yaml\nopenapi: 3.0.3\n```\n');
  });

  // The project's scripts install mkdocs with mkdocs-techdocs-core into .toolchain/venv.
  it('builds with mkdocs and techdocs-core', async () => {
    const out = createMockDirectory();
    await writeSpecSite({
      specDir: spec.path,
      siteDir: out.path,
      title: 'Login',
    });
    execFileSync(
      'mkdocs',
      ['build', '--strict', '--site-dir', join(out.path, 'site')],
      {
        cwd: out.path,
        stdio: 'pipe',
      },
    );
    const html = readFileSync(join(out.path, 'site/tasks/index.html'), 'utf8');
    expect(html).toContain('T001 Do it');
    const index = readFileSync(join(out.path, 'site/index.html'), 'utf8');
    expect(index).toMatch(/<table>/);
    expect(index).not.toContain('fonts.googleapis.com');
  });
});
