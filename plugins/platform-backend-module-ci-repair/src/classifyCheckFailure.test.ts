import { classifyCheckFailure, FailedCheck } from './classifyCheckFailure';

const check = (overrides: Partial<FailedCheck>): FailedCheck => ({
  id: 1,
  name: 'ci',
  conclusion: 'failure',
  annotations: [],
  ...overrides,
});

describe('classifyCheckFailure', () => {
  it.each([
    [
      'format',
      check({
        text: '[warn] src/a.ts\n[warn] Code style issues found in the above file. Forgot to run Prettier?',
      }),
    ],
    [
      'lint',
      check({
        text: "/src/a.ts\n  3:7  error  'x' is assigned a value but never used  no-unused-vars\n\n✖ 1 problem (1 error, 0 warnings)",
      }),
    ],
    [
      'lockfile',
      check({
        text: '➤ YN0028: │ The lockfile would have been modified by this install, which is explicitly forbidden.',
      }),
    ],
    [
      'type_error',
      check({
        text: "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      }),
    ],
    [
      'test_failure',
      check({
        text: 'FAIL src/a.test.ts\n  ● cart › adds an item\n\nTests: 1 failed, 3 passed',
      }),
    ],
    [
      'infrastructure',
      check({
        text: 'npm ERR! network request failed, reason: socket hang up ECONNRESET',
      }),
    ],
    ['infrastructure', check({ conclusion: 'timed_out' })],
    ['lint', check({ name: 'lint', text: 'exit code 1' })],
    ['unknown', check({ name: 'build', text: 'exit code 2' })],
  ])('reads %s', (kind, failed) => {
    expect(classifyCheckFailure(failed).kind).toBe(kind);
  });

  it('reads a test failure as flaky only when every failing test is known flaky', () => {
    const text =
      'FAILED tests/test_clock.py::test_tick - AssertionError\nFAILED tests/test_app.py::test_home';
    expect(
      classifyCheckFailure(check({ text }), ['tests.test_clock › test_tick']),
    ).toMatchObject({
      kind: 'test_failure',
      failedTests: [
        'tests/test_clock.py::test_tick',
        'tests/test_app.py::test_home',
      ],
    });
    expect(
      classifyCheckFailure(check({ text }), [
        'tests.test_clock › test_tick',
        'tests.test_app › test_home',
      ]).kind,
    ).toBe('flaky_test');
  });

  it('quotes at most five bounded evidence lines, annotations first', () => {
    const failure = classifyCheckFailure(
      check({
        annotations: [
          { path: 'a.go', line: 3, message: 'File is not gofmt-ed' },
        ],
        text: Array.from(
          { length: 20 },
          () => `gofmt -l ${'x'.repeat(500)}`,
        ).join('\n'),
      }),
    );
    expect(failure.kind).toBe('format');
    expect(failure.evidence).toHaveLength(5);
    expect(failure.evidence[0]).toBe('a.go:3: File is not gofmt-ed');
    expect(Math.max(...failure.evidence.map(line => line.length))).toBe(300);
  });
});
