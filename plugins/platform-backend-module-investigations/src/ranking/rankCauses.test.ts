import type {
  InvestigationChange,
  LogLine,
} from '@catalyst/plugin-observability-common';
import { groupLogPatterns, logPattern } from '../evidence/logPatterns';
import { signalChanges } from '../evidence/signalChanges';
import { rankCauses } from './rankCauses';

const START = Date.UTC(2026, 0, 1, 12, 0);
const MIN = 60_000;

const line = (timestamp: number, text: string): LogLine => ({
  timestampNs: `${timestamp}000000`,
  timestamp,
  line: text,
  labels: {},
});

const change = (
  number: number,
  title: string,
  mergedAt: number,
  relation: 'self' | 'dependency' = 'self',
): InvestigationChange => ({
  entityRef:
    relation === 'self'
      ? 'component:default/payments-api'
      : 'component:default/ledger-worker',
  relation,
  repository: relation === 'self' ? 'acme/payments-api' : 'acme/ledger-worker',
  number,
  title,
  url: `https://github.com/acme/x/pull/${number}`,
  mergedAt: new Date(mergedAt).toISOString(),
  scopes: [],
  specTasks: [],
});

describe('investigation ranking', () => {
  it('masks the variable parts of a message, bounded', () => {
    expect(
      logPattern(
        'timeout calling ledger-worker after 3000ms (request 9f1c2d3e-1111-2222-3333-444455556666 from 10.0.0.7:8080, user "bob")',
      ),
    ).toBe(
      'timeout calling ledger-worker after <n> (request <uuid> from <ip>, user "<s>")',
    );
    expect(logPattern('x'.repeat(100_000))).toHaveLength(200);
  });

  it('counts patterns before and since the start, new ones first', () => {
    const patterns = groupLogPatterns(
      [
        line(START - 10 * MIN, 'disk at 91%'),
        line(START + MIN, 'timeout calling ledger-worker after 3000ms'),
        line(START + 2 * MIN, 'timeout calling ledger-worker after 2999ms'),
        line(START + 2 * MIN, 'timeout calling ledger-worker after 3001ms'),
        line(START + 3 * MIN, 'disk at 92%'),
      ],
      START,
    );
    expect(patterns).toEqual([
      {
        pattern: 'timeout calling ledger-worker after <n>',
        example: 'timeout calling ledger-worker after 3000ms',
        before: 0,
        during: 3,
        shareOfDuring: 0.75,
      },
      {
        pattern: 'disk at <n>',
        example: 'disk at 91%',
        before: 1,
        during: 1,
        shareOfDuring: 0.25,
      },
    ]);
  });

  it('ranks the merge right before the error ratio rose first, with its reason', () => {
    const timestamps = [-10, -8, -6, -4, -2, 0, 2, 4].map(m => START + m * MIN);
    const signals = signalChanges(
      {
        errors: {
          unit: 'ratio',
          series: [
            {
              labels: { signal: 'error_ratio' },
              timestamps,
              values: [0.005, 0.005, 0.005, 0.005, 0.2, 0.2, 0.2, 0.2],
            },
          ],
          queries: [],
        },
      },
      START,
    );
    expect(signals[0]).toMatchObject({
      before: 0.005,
      during: 0.2,
      factor: 40,
      onset: START - 2 * MIN,
    });
    const causes = rankCauses({
      signals,
      logPatterns: [
        {
          pattern: 'timeout calling ledger-worker after <n>',
          example: '',
          before: 0,
          during: 8,
          shareOfDuring: 0.8,
        },
      ],
      changes: [
        change(120, 'docs: runbook', START - 90 * MIN),
        change(123, 'feat(payments): call ledger-worker', START - 4 * MIN),
        change(7, 'fix: retries', START - 3 * MIN, 'dependency'),
        change(124, 'chore: bump', START + 10 * MIN),
      ],
      alertStart: START,
    });
    expect(causes.map(c => c.title)).toEqual([
      'PR #123: feat(payments): call ledger-worker',
      'PR #7: fix: retries',
      'New error: timeout calling ledger-worker after <n>',
      'PR #120: docs: runbook',
      'PR #124: chore: bump',
    ]);
    expect(causes[0]).toMatchObject({
      rank: 1,
      kind: 'change',
      reason:
        'error ratio rose 40× (0.5 % → 20 %) within 2 minutes of PR #123 merging; 80 % of new error lines match `timeout calling ledger-worker after <n>` (the PR and the pattern share "ledger-worker")',
    });
    expect(causes[4].reason).toBe(
      'merged 12 minutes after the change began: it cannot have started it',
    );
  });

  it('ranks deployments of the component and of its dependencies with the merges', () => {
    const causes = rankCauses({
      signals: [],
      logPatterns: [],
      changes: [change(120, 'docs: runbook', START - 30 * MIN)],
      deployments: [
        {
          entityRef: 'component:default/ledger-worker',
          relation: 'dependency',
          repository: 'acme/ledger-worker',
          id: 9,
          environment: 'production',
          ref: 'v2.1.0',
          sha: 'abcdef0123456789abcdef0123456789abcdef01',
          createdAt: new Date(START - MIN).toISOString(),
          url: 'https://github.com/acme/ledger-worker/deployments/production',
        },
        {
          entityRef: 'component:default/payments-api',
          relation: 'self',
          repository: 'acme/payments-api',
          id: 10,
          environment: 'staging',
          ref: 'main',
          sha: '0123456789abcdef0123456789abcdef01234567',
          createdAt: new Date(START + 5 * MIN).toISOString(),
          url: 'https://github.com/acme/payments-api/deployments/staging',
        },
      ],
      alertStart: START,
    });
    expect(causes).toEqual([
      {
        rank: 1,
        kind: 'deployment',
        score: 0.445,
        title: 'Deployment: acme/ledger-worker v2.1.0 (abcdef0) to production',
        reason:
          'the alert fired within 1 minute of the deployment of v2.1.0 (abcdef0) to production starting (component:default/ledger-worker, a dependency)',
        url: 'https://github.com/acme/ledger-worker/deployments/production',
      },
      expect.objectContaining({ rank: 2, kind: 'change', score: 0.175 }),
      {
        rank: 3,
        kind: 'deployment',
        score: 0.01,
        title: 'Deployment: acme/payments-api main (0123456) to staging',
        reason:
          'deployed 5 minutes after the change began: it cannot have started it',
        url: 'https://github.com/acme/payments-api/deployments/staging',
      },
    ]);
  });
});
