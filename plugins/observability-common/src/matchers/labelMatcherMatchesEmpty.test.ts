import { LabelMatcher } from './LabelMatcher';
import { labelMatcherMatchesEmpty } from './labelMatcherMatchesEmpty';

describe('labelMatcherMatchesEmpty', () => {
  it.each<[LabelMatcher, boolean | undefined]>([
    [{ name: 'a', op: '=', value: 'x' }, false],
    [{ name: 'a', op: '=', value: '' }, true],
    [{ name: 'a', op: '!=', value: 'x' }, true],
    [{ name: 'a', op: '!=', value: '' }, false],
    [{ name: 'a', op: '=~', value: '.+' }, false],
    [{ name: 'a', op: '=~', value: '.*' }, true],
    [{ name: 'a', op: '=~', value: 'a|' }, true],
    [{ name: 'a', op: '=~', value: 'x|y' }, false],
    [{ name: 'a', op: '!~', value: '.+' }, true],
    [{ name: 'a', op: '!~', value: '.*' }, false],
    [{ name: 'a', op: '=~', value: '(' }, undefined],
    [{ name: 'a', op: '!~', value: '[' }, undefined],
  ])('%j -> %s', (matcher, expected) => {
    expect(labelMatcherMatchesEmpty(matcher)).toBe(expected);
  });
});
