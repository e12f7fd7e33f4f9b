import { emptySpecFilters, toSpecListQuery } from './specFilterQuery';

describe('toSpecListQuery', () => {
  it('sends nothing for empty fields', () => {
    expect(toSpecListQuery(emptySpecFilters)).toEqual({
      query: {},
      errors: {},
    });
  });

  it('reads a bare owner name as a group in the default namespace', () => {
    expect(
      toSpecListQuery({ ...emptySpecFilters, owner: ' payments-team ' }).query,
    ).toEqual({ owner: 'group:default/payments-team' });
    expect(
      toSpecListQuery({ ...emptySpecFilters, owner: 'user:ops/Jane' }).query,
    ).toEqual({ owner: 'user:ops/jane' });
  });

  it('reports an owner that is not an entity ref', () => {
    const result = toSpecListQuery({ ...emptySpecFilters, owner: 'group:' });
    expect(result.query).toEqual({});
    expect(result.errors.owner).toMatch(/Not an entity ref/);
  });

  it('turns percentages into completion bounds', () => {
    expect(
      toSpecListQuery({
        ...emptySpecFilters,
        minPercent: '0',
        maxPercent: '75',
      }).query,
    ).toEqual({ minCompletion: 0, maxCompletion: 0.75 });
  });

  it('reports percentages out of range and bounds the wrong way round', () => {
    expect(
      toSpecListQuery({ ...emptySpecFilters, minPercent: '-1' }).errors,
    ).toEqual({ minPercent: 'A number from 0 to 100' });
    const crossed = toSpecListQuery({
      ...emptySpecFilters,
      minPercent: '80',
      maxPercent: '20',
    });
    expect(crossed.query).toEqual({ minCompletion: 0.8 });
    expect(crossed.errors).toEqual({ maxPercent: 'Below the minimum' });
  });

  it('trims the search text and passes the status through', () => {
    expect(
      toSpecListQuery({
        ...emptySpecFilters,
        search: '  auth ',
        status: 'draft',
      }).query,
    ).toEqual({ search: 'auth', status: 'draft' });
  });
});
