import { Parser } from '@lezer/common';
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import fc from 'fast-check';
import { LabelMatcher } from '../matchers/LabelMatcher';
import { scopeLogQL } from './logql/scopeLogQL';
import { scopePromQL } from './promql/scopePromQL';
import { logqlQuery } from './__testUtils__/logqlQueries';
import { promqlQuery } from './__testUtils__/promqlQueries';
import { scopeMatchers } from './__testUtils__/queryParts';
import { readQuery } from './__testUtils__/selectorFacts';

const runs = 10_000;

/** Returns what is wrong with `scoped` as the scoping of `query`, or nothing. */
function problemsWith(
  before: ReturnType<typeof readQuery>,
  after: ReturnType<typeof readQuery>,
  scope: LabelMatcher[],
): string[] {
  const problems: string[] = [];
  if (after.errors.length > 0) {
    return [`output does not parse (offset ${after.errors[0]})`];
  }
  const scopeNames = new Set(scope.map(m => m.name));
  const expectedScope = scope
    .map(m => `${m.name} ${m.op} ${JSON.stringify(m.value)}`)
    .sort()
    .join(' & ');
  if (after.selectors.length !== before.selectors.length) {
    problems.push(
      `${before.selectors.length} selectors became ${after.selectors.length}`,
    );
  }
  after.selectors.forEach((selector, i) => {
    const onScopeLabels = selector.matchers
      .filter(m => scopeNames.has(m.split(' ')[0]))
      .sort()
      .join(' & ');
    if (onScopeLabels !== expectedScope) {
      problems.push(
        `selector ${selector.text} carries [${onScopeLabels}], not [${expectedScope}]`,
      );
    }
    const original = before.selectors[i];
    const othersBefore = original?.matchers.filter(
      m => !scopeNames.has(m.split(' ')[0]),
    );
    const othersAfter = selector.matchers.filter(
      m => !scopeNames.has(m.split(' ')[0]),
    );
    if (JSON.stringify(othersAfter) !== JSON.stringify(othersBefore)) {
      problems.push(
        `selector ${selector.text} lost or changed matchers of ${original?.text}`,
      );
    }
    if (selector.metricName !== original?.metricName) {
      problems.push(`selector ${selector.text} changed its metric name`);
    }
  });
  if (after.skeleton !== before.skeleton) {
    problems.push(
      `text outside selectors changed: ${before.skeleton} -> ${after.skeleton}`,
    );
  }
  if (
    JSON.stringify(after.labelFilters) !== JSON.stringify(before.labelFilters)
  ) {
    problems.push('label filters changed');
  }
  return problems;
}

function scopesEverySelector(
  parser: Parser,
  language: 'promql' | 'logql',
  scopeQuery: (query: string, scope: LabelMatcher[]) => string,
) {
  return (query: string, scope: LabelMatcher[]) => {
    const before = readQuery(parser, query, language);
    if (before.errors.length > 0) {
      throw new Error(
        `The generator wrote an unparseable query (offset ${before.errors[0]}): ${query}`,
      );
    }
    const scoped = scopeQuery(query, scope);
    const problems = problemsWith(
      before,
      readQuery(parser, scoped, language),
      scope,
    );
    if (problems.length > 0) {
      throw new Error(`${query}\n  => ${scoped}\n${problems.join('\n')}`);
    }
    return before.selectors.length;
  };
}

const checkPromql = scopesEverySelector(promqlParser, 'promql', scopePromQL);
const checkLogql = scopesEverySelector(logqlParser, 'logql', scopeLogQL);

describe('scoping random queries', () => {
  it(`puts the scope on every selector of ${runs} PromQL queries`, () => {
    const selectorsSeen: number[] = [];
    fc.assert(
      fc.property(promqlQuery, scopeMatchers, (query, scope) => {
        selectorsSeen.push(checkPromql(query, scope));
      }),
      { numRuns: runs },
    );
    // The generator must actually exercise multi-selector queries.
    expect(selectorsSeen.filter(n => n >= 3).length).toBeGreaterThan(runs / 10);
  });

  it(`puts the scope on every stream selector of ${runs} LogQL queries`, () => {
    const selectorsSeen: number[] = [];
    fc.assert(
      fc.property(logqlQuery, scopeMatchers, (query, scope) => {
        selectorsSeen.push(checkLogql(query, scope));
      }),
      { numRuns: runs },
    );
    expect(selectorsSeen.filter(n => n >= 2).length).toBeGreaterThan(runs / 10);
  });
});
