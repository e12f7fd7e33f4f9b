import { lokiLines } from './LokiLogStore';

describe('lokiLines', () => {
  const data = {
    resultType: 'streams' as const,
    result: [
      {
        stream: { namespace: 'payments', pod: 'a' },
        values: [
          ['1700000000000000003', 'third'],
          ['1700000000000000001', 'first'],
        ] as [string, string][],
      },
      {
        stream: { namespace: 'payments', pod: 'b' },
        values: [['1700000000000000002', 'second']] as [string, string][],
      },
    ],
  };

  it('merges streams into lines ordered by their nanosecond timestamps', () => {
    expect(lokiLines(data, 'forward').map(l => [l.line, l.labels.pod])).toEqual(
      [
        ['first', 'a'],
        ['second', 'b'],
        ['third', 'a'],
      ],
    );
    const backward = lokiLines(data, 'backward');
    expect(backward.map(l => l.line)).toEqual(['third', 'second', 'first']);
    expect(backward[0]).toMatchObject({
      timestampNs: '1700000000000000003',
      timestamp: 1_700_000_000_000,
    });
  });

  it('refuses metric query results', () => {
    expect(() =>
      lokiLines({ resultType: 'matrix', result: [] }, 'forward'),
    ).toThrow(/metric query/);
  });
});
