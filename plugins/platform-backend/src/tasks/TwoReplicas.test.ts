import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import {
  REPLICA_SCAN_SECONDS,
  REPLICA_SUBJECTS,
  REPLICA_TASK_TYPE,
  ReplicaMessage,
} from '../__testUtils__/platformProcess';
import { TaskStore } from './TaskStore';

const databases = createTestDatabases();

jest.setTimeout(480_000);

interface Replica {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<NodeJS.Signals | null>;
}

/** A backend process on `connection`; what it reports goes to `messages`. */
function startReplica(
  connection: unknown,
  messages: ReplicaMessage[],
): Replica {
  const child = fork(
    resolve(__dirname, '../__testUtils__/platformProcess.ts'),
    {
      execArgv: [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      env: {
        ...process.env,
        CATALYST_PLATFORM_DB: JSON.stringify({ client: 'pg', connection }),
        // Backstage's scheduler runs its janitor (which frees the lock of a global
        // task whose process died mid-run) everywhere but under NODE_ENV=test; a
        // replica is a real backend, and the victim may die in the middle of a scan.
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<NodeJS.Signals | null>(done =>
    child.once('exit', (_code, signal) => done(signal)),
  );
  const ready = new Promise<void>((done, fail) => {
    child.on('message', m => {
      // The node transform also reports the files it loads ({ type: 'watch' }).
      const message = m as ReplicaMessage;
      if (message.type === 'error') fail(new Error(message.error));
      if (message.type === 'ready') done();
      if (['scan', 'execute'].includes(message.type)) messages.push(message);
    });
    child.once('exit', code => fail(new Error(`replica exited with ${code}`)));
  });
  return { child, ready, exited };
}

/**
 * Polls `check` until it answers; after `limitMs` fails with what `state`
 * describes, so a stall on a loaded machine says where it stalled.
 */
async function until<T>(
  check: () => T | undefined | Promise<T | undefined>,
  state: () => unknown | Promise<unknown>,
  limitMs = 120_000,
) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Still waiting after ${limitMs / 1000}s; state: ${JSON.stringify(
          await state(),
        )}`,
      );
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('two backend processes on one PostgreSQL', () => {
  const replicas: Replica[] = [];

  afterAll(async () => {
    for (const { child, exited } of replicas) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  });

  it('scan once per interval, run each task in one of them, and lose nothing when one is killed mid-task', async () => {
    const knex = await databases.init('POSTGRES_15');
    const connection = knex.client.config.connection;
    const messages: ReplicaMessage[] = [];
    // One after the other, so the second finds the schema migrated.
    for (let i = 0; i < 2; i++) {
      replicas.push(startReplica(connection, messages));
      await replicas[i].ready;
    }
    const executions = () =>
      messages.filter(
        (m): m is Extract<ReplicaMessage, { type: 'execute' }> =>
          m.type === 'execute',
      );

    // Whichever replica claims the `hang` task is killed while it runs it.
    const state = async () => ({
      messages,
      tasks: await knex('platform_tasks')
        .where({ task_type: REPLICA_TASK_TYPE })
        .select('id', 'subject', 'status', 'retry_count', 'lease_owner'),
    });
    const hung = await until(
      () => executions().find(e => e.subject === 'hang' && e.attempt === 1),
      state,
    );
    const victim = replicas.find(r => r.child.pid === hung.pid)!;
    const survivor = replicas.find(r => r !== victim)!;
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');

    // The survivor reclaims it once the lease expired and finishes everything.
    // (A completed task is found again by the next scans: a new generation.)
    const tasks = await until(async () => {
      const rows = await knex('platform_tasks')
        .where({ task_type: REPLICA_TASK_TYPE })
        .orderBy('id')
        .limit(REPLICA_SUBJECTS.length);
      return rows.length === REPLICA_SUBJECTS.length &&
        rows.every(row => row.status === 'complete')
        ? rows
        : undefined;
    }, state);
    expect(tasks.map(row => row.subject).sort()).toEqual(REPLICA_SUBJECTS);
    const firstGeneration = new Set(tasks.map(row => row.id));
    // When the victim died mid-scan, the survivor scans once the janitor (every
    // minute) has freed the lock the dead run held.
    await until(
      () => messages.filter(m => m.type === 'scan').length >= 4,
      state,
      200_000,
    );

    // Each task ran in exactly one process, the killed one's again in the other.
    const ranBy = (subject: string) =>
      executions()
        .filter(e => firstGeneration.has(e.taskId) && e.subject === subject)
        .map(e => [e.pid, e.attempt]);
    for (const subject of ['a', 'b', 'c']) {
      expect(ranBy(subject)).toHaveLength(1);
    }
    expect(ranBy('hang')).toEqual([
      [victim.child.pid, 1],
      [survivor.child.pid, 2],
    ]);
    const store = new TaskStore(knex);
    const outcomes = Object.fromEntries(
      await Promise.all(
        tasks.map(async row => [
          row.subject,
          (await store.attempts(row.id)).map(a => a.outcome),
        ]),
      ),
    );
    expect(outcomes).toEqual({
      a: ['done'],
      b: ['done'],
      c: ['done'],
      hang: ['lease_expired', 'done'],
    });

    // The scanner is a global job: its runs never overlap across the two
    // processes, and there is one per interval, not one per process.
    const scans = messages
      .filter(
        (m): m is Extract<ReplicaMessage, { type: 'scan' }> =>
          m.type === 'scan',
      )
      .sort((x, y) => x.startedAt - y.startedAt);
    for (let i = 1; i < scans.length; i++) {
      expect(scans[i].startedAt).toBeGreaterThanOrEqual(
        scans[i - 1].finishedAt,
      );
    }
    const span = scans[scans.length - 1].startedAt - scans[0].startedAt;
    expect(scans.length - 1).toBeLessThanOrEqual(
      Math.floor(span / (REPLICA_SCAN_SECONDS * 1000)) + 1,
    );
  });
});
