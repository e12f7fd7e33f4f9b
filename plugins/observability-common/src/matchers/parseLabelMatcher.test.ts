import { QueryScopeError } from '../scoping/QueryScopeError';
import { parseLabelMatcher } from './parseLabelMatcher';

describe('parseLabelMatcher', () => {
  it.each([
    ['namespace=payments', { name: 'namespace', op: '=', value: 'payments' }],
    ['namespace!=payments', { name: 'namespace', op: '!=', value: 'payments' }],
    ['tier=~web|api', { name: 'tier', op: '=~', value: 'web|api' }],
    ['tier!~.*-canary', { name: 'tier', op: '!~', value: '.*-canary' }],
    ['app=', { name: 'app', op: '=', value: '' }],
    ['url=a=b', { name: 'url', op: '=', value: 'a=b' }],
    ['x==y', { name: 'x', op: '=', value: '=y' }],
    ['quoted="kept"', { name: 'quoted', op: '=', value: '"kept"' }],
  ])('parses %s', (text, expected) => {
    expect(parseLabelMatcher(text)).toEqual(expected);
  });

  it.each([
    ['', 'expected a label name'],
    ['=x', 'expected a label name'],
    ['9lives=x', 'expected a label name'],
    ['app.kubernetes.io/name=x', 'expected =, !=, =~ or !~ after "app"'],
    ['namespace', 'expected =, !=, =~ or !~ after "namespace"'],
    ['namespace~=x', 'expected =, !=, =~ or !~'],
  ])('rejects %j', (text, message) => {
    expect(() => parseLabelMatcher(text)).toThrow(message);
    expect(() => parseLabelMatcher(text)).toThrow(
      expect.objectContaining({ reason: 'invalid-matcher' }),
    );
  });

  it('throws a QueryScopeError', () => {
    expect(() => parseLabelMatcher('-')).toThrow(QueryScopeError);
  });
});
