import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_PLAN_SUMMARY_CHARS, planSummary } from './planSummary';

describe('planSummary', () => {
  it('takes the Summary section of a Spec Kit plan', () => {
    const plan = readFileSync(
      resolve(
        __dirname,
        '../../../../specs/002-spec-driven-development/plan.md',
      ),
      'utf8',
    );
    const summary = planSummary(plan)!;
    expect(summary).toMatch(/^`@catalyst\/spec-kit` parses folders/);
    expect(summary).toMatch(/the entity tab\.$/);
    expect(summary).not.toContain('Technical Context');
  });

  it('falls back to the first paragraph after the title and header lines', () => {
    expect(
      planSummary(
        '# Plan: Login\n\n**Branch**: `001-login`\n\nAdd a login form.\nKeep it short.\n\n## Next\n\nmore\n',
      ),
    ).toBe('Add a login form.\nKeep it short.');
    expect(planSummary('# Plan: empty\n')).toBeUndefined();
  });

  it('bounds a hostile plan', () => {
    const summary = planSummary(`## Summary\n\n${'x'.repeat(1_000_000)}\n`)!;
    expect(summary).toHaveLength(MAX_PLAN_SUMMARY_CHARS + 1);
    expect(summary.endsWith('…')).toBe(true);
  });
});
