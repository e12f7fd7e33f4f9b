import { z } from 'zod';
import { entityRefFromParams } from './entityRefFromParams';
import { parseInput } from './parseInput';

describe('parseInput', () => {
  const schema = z.object({
    limit: z.coerce.number().int().max(10),
    name: z.string(),
  });

  it('returns the parsed value', () => {
    expect(parseInput(schema, { limit: '3', name: 'x' }, 'query')).toEqual({
      limit: 3,
      name: 'x',
    });
  });

  it('throws an InputError naming every bad field', () => {
    expect(() => parseInput(schema, { limit: '30' }, 'query')).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(/^Invalid query: limit: .*; name: /),
      }),
    );
  });
});

describe('entityRefFromParams', () => {
  it('builds a normalised entity ref', () => {
    expect(
      entityRefFromParams({
        kind: 'Component',
        namespace: 'default',
        name: 'web',
      }),
    ).toBe('component:default/web');
  });
});
