import { InProcessScanPacer } from './InProcessScanPacer';

describe('InProcessScanPacer', () => {
  it('scans every item once in key order, with what the last scan of each kept, up to the tasks per cycle', async () => {
    const pacer = new InProcessScanPacer();
    const run = (maxTasksPerCycle?: number) =>
      pacer.pace({
        items: ['b', 'a', 'c', 'a'],
        key: item => item,
        maxTasksPerCycle,
        scan: async (item, memory) => {
          const runs = Number(memory.previous?.runs ?? 0) + 1;
          memory.keep(item === 'c' ? undefined : { runs });
          return { entityRef: `component:default/${item}`, title: `${runs}` };
        },
      });

    expect((await run()).map(i => [i.entityRef, i.title])).toEqual([
      ['component:default/a', '1'],
      ['component:default/b', '1'],
      ['component:default/c', '1'],
    ]);
    expect((await run(2)).map(i => [i.entityRef, i.title])).toEqual([
      ['component:default/a', '2'],
      ['component:default/b', '2'],
    ]);
    // c kept nothing; a and b remember their runs.
    expect((await run()).map(i => i.title)).toEqual(['3', '3', '1']);
  });
});
