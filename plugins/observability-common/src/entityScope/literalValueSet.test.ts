import { literalValueSet } from './literalValueSet';

describe('literalValueSet', () => {
  it.each([
    [{ name: 'a', op: '=', value: 'x.y' }, ['x.y']],
    [{ name: 'a', op: '=~', value: 'web|api|web' }, ['web', 'api']],
    [{ name: 'a', op: '=~', value: '1\\.2|1\\.3' }, ['1.2', '1.3']],
    [{ name: 'a', op: '=~', value: 'a\\|b' }, ['a|b']],
    [{ name: 'a', op: '=~', value: '.+' }, undefined],
    [{ name: 'a', op: '=~', value: 'pay(ments)?' }, undefined],
    [{ name: 'a', op: '=~', value: '[a-z]' }, undefined],
    [{ name: 'a', op: '=~', value: 'a\\d' }, undefined],
    [{ name: 'a', op: '!=', value: 'x' }, undefined],
    [{ name: 'a', op: '!~', value: 'x' }, undefined],
  ] as const)('%j selects %j', (matcher, values) => {
    expect(literalValueSet(matcher)).toEqual(values);
  });
});
