import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  readUrlFilters,
  urlFilter,
  UrlFilterSchema,
  useUrlFilters,
  writeUrlFilters,
} from './useUrlFilters';

interface Filters {
  kind: '' | 'a' | 'b';
  tags: ('x' | 'y')[];
  q: string;
  raw: string;
  page: number;
  pageSize: number;
}

const schema: UrlFilterSchema<Filters> = {
  kind: urlFilter.oneOf(['a', 'b']),
  tags: urlFilter.list(['x', 'y']),
  q: urlFilter.text(),
  raw: urlFilter.text({ trim: false }),
  page: urlFilter.page(),
  pageSize: urlFilter.pageSize([10, 25]),
};

describe('readUrlFilters and writeUrlFilters', () => {
  it('reads defaults for absent parameters and values the fields cannot use', () => {
    expect(
      readUrlFilters(
        schema,
        new URLSearchParams('kind=c&tags=z&page=1.5&pageSize=7'),
      ),
    ).toEqual({ kind: '', tags: [], q: '', raw: '', page: 0, pageSize: 10 });
  });

  it('round-trips values in schema order, keeping other parameters and leaving defaults out', () => {
    const value = readUrlFilters(
      schema,
      new URLSearchParams('tags=y,x,z&kind=b&q=pay&page=3&pageSize=25'),
    );
    expect(value).toEqual({
      kind: 'b',
      tags: ['y', 'x'],
      q: 'pay',
      raw: '',
      page: 3,
      pageSize: 25,
    });
    expect(
      writeUrlFilters(
        schema,
        { ...value, q: ' ledger ', raw: 'half ', page: 0, pageSize: 10 },
        new URLSearchParams('open=7&page=3'),
      ).toString(),
    ).toBe('open=7&kind=b&tags=y%2Cx&q=ledger&raw=half+');
  });
});

function Probe() {
  const [filters, update] = useUrlFilters(schema, { reset: { page: 0 } });
  return (
    <>
      <output aria-label="filters">{JSON.stringify(filters)}</output>
      <button onClick={() => update({ kind: 'a' })}>kind a</button>
      <button onClick={() => update({ page: 2 })}>page 3</button>
    </>
  );
}

describe('useUrlFilters', () => {
  it('reads the URL and writes changes back, resetting the page on a filter change', async () => {
    const result = await renderInTestApp(<Probe />, {
      initialRouteEntries: ['/?open=7&q=pay&page=4'],
    });
    const search = () =>
      result.apis.get(coreApis.appHistory)!.getSnapshot().location.search;
    const filters = () =>
      JSON.parse(screen.getByRole('status', { name: 'filters' }).textContent!);

    expect(filters()).toMatchObject({ q: 'pay', page: 4, kind: '' });

    await userEvent.click(screen.getByRole('button', { name: 'kind a' }));
    expect(search()).toBe('?open=7&kind=a&q=pay');
    expect(filters()).toMatchObject({ kind: 'a', q: 'pay', page: 0 });

    await userEvent.click(screen.getByRole('button', { name: 'page 3' }));
    expect(search()).toBe('?open=7&kind=a&q=pay&page=2');
    expect(filters()).toMatchObject({ kind: 'a', page: 2 });
  });
});
