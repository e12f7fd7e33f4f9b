import { readUrlFilters, writeUrlFilters } from '../../shared/useUrlFilters';
import { complianceFilters, toComplianceQuery } from './complianceQuery';

describe('compliance overview URL parameters', () => {
  it('reads defaults and ignores values it cannot use', () => {
    expect(
      readUrlFilters(
        complianceFilters,
        new URLSearchParams('drifted=maybe&page=-1'),
      ),
    ).toEqual({ drifted: '', pack: '', q: '', page: 0, pageSize: 20 });
  });

  it('round-trips filters through the URL, keeping other parameters', () => {
    const value = readUrlFilters(
      complianceFilters,
      new URLSearchParams('drifted=false&pack=node-service&q=pay&page=1'),
    );
    expect(value).toEqual({
      drifted: 'false',
      pack: 'node-service',
      q: 'pay',
      page: 1,
      pageSize: 20,
    });
    expect(
      writeUrlFilters(
        complianceFilters,
        { ...value, page: 0, pageSize: 50 },
        new URLSearchParams('x=1&page=4'),
      ).toString(),
    ).toBe('x=1&drifted=false&pack=node-service&q=pay&pageSize=50');
  });

  it('turns the filters into a backend query', () => {
    expect(
      toComplianceQuery({
        drifted: 'true',
        pack: ' go-service ',
        q: '',
        page: 2,
        pageSize: 20,
      }),
    ).toEqual({ drifted: true, packId: 'go-service', offset: 40, limit: 20 });
    expect(
      toComplianceQuery({
        drifted: '',
        pack: '',
        q: 'ledger',
        page: 0,
        pageSize: 50,
      }),
    ).toEqual({ q: 'ledger', offset: 0, limit: 50 });
  });
});
