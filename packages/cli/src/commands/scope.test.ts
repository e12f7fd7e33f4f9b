import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runScopeCommand, ScopeCommandOptions } from './scope';

const payments = [{ name: 'namespace', op: '=' as const, value: 'payments' }];

async function runInProcess(options: ScopeCommandOptions, stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', chunk => out.push(String(chunk)));
  stderr.on('data', chunk => err.push(String(chunk)));
  const code = await runScopeCommand(options, {
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const repoRoot = resolvePath(__dirname, '../../../..');

function runBinary(args: string[], stdin?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        [resolvePath(repoRoot, 'packages/cli/bin/catalyst'), ...args],
        { cwd: repoRoot, stdio: 'pipe' },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', chunk => (stdout += chunk));
      child.stderr.on('data', chunk => (stderr += chunk));
      child.on('error', reject);
      child.on('close', code => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin ?? '');
    },
  );
}

describe('runScopeCommand', () => {
  it('prints one scoped query', async () => {
    await expect(
      runInProcess({
        language: 'promql',
        matchers: payments,
        query: 'sum(rate(x{namespace=~".*"}[5m])) or y',
      }),
    ).resolves.toEqual({
      code: 0,
      stdout:
        'sum(rate(x{namespace="payments"}[5m])) or y{namespace="payments"}\n',
      stderr: '',
    });
  });

  it('prints why a query was rejected and exits with 1', async () => {
    await expect(
      runInProcess({ language: 'logql', matchers: payments, query: '{}' }),
    ).resolves.toEqual({
      code: 1,
      stdout: '',
      stderr: 'LogQL syntax error at line 1, column 2: unexpected "}"\n',
    });
  });

  it('answers every stdin line with a JSON line, in order, blank lines included', async () => {
    const result = await runInProcess(
      { language: 'logql', matchers: payments },
      '{app="x"} |= "err"\n\nrate({app="y"}[5m])\r\nnot logql\n{app="z"}',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(
      result.stdout
        .split('\n')
        .slice(0, -1)
        .map(l => JSON.parse(l)),
    ).toEqual([
      {
        query: '{app="x"} |= "err"',
        scoped: '{app="x", namespace="payments"} |= "err"',
      },
      { query: '', error: 'The LogQL query is empty' },
      {
        query: 'rate({app="y"}[5m])',
        scoped: 'rate({app="y", namespace="payments"}[5m])',
      },
      {
        query: 'not logql',
        error: 'LogQL syntax error at line 1, column 1: unexpected "not logql"',
      },
      { query: '{app="z"}', scoped: '{app="z", namespace="payments"}' },
    ]);
  });

  it('prints nothing for empty stdin', async () => {
    await expect(
      runInProcess({ language: 'promql', matchers: payments }, ''),
    ).resolves.toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('catalyst scope (spawned)', () => {
  jest.setTimeout(60_000);

  it('scopes a query given as an argument', async () => {
    const result = await runBinary([
      'scope',
      'promql',
      '--matcher',
      'namespace=payments',
      '--matcher',
      'tier=~web|api',
      'absent(nonexistent{job="x", tier="db"})',
    ]);
    expect(result).toEqual({
      code: 0,
      stdout:
        'absent(nonexistent{job="x", namespace="payments", tier=~"web|api"})\n',
      stderr: '',
    });
  });

  it('exits with 1 and the reason on stderr for a query it cannot scope', async () => {
    const result = await runBinary([
      'scope',
      'promql',
      '-m',
      'namespace=p',
      'info(up)',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'info() at line 1, column 1 reads info series that cannot be restricted to the scope\n',
    );
  });

  it('reads queries from stdin and writes JSON lines', async () => {
    const result = await runBinary(
      [
        'scope',
        'promql',
        '--label-selector',
        'app.kubernetes.io/name=payments-api',
      ],
      'up\n\nrate(x[5m])[1h:1m]\nup{\n',
    );
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map(l => JSON.parse(l)),
    ).toEqual([
      { query: 'up', scoped: 'up{app_kubernetes_io_name="payments-api"}' },
      { query: '', error: 'The PromQL query is empty' },
      {
        query: 'rate(x[5m])[1h:1m]',
        scoped: 'rate(x{app_kubernetes_io_name="payments-api"}[5m])[1h:1m]',
      },
      {
        query: 'up{',
        error:
          'PromQL syntax error at line 1, column 4: unexpected end of input',
      },
    ]);
  });

  it('refuses to run without a scope', async () => {
    const result = await runBinary(['scope', 'promql', 'up']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'scope needs at least one --matcher or a --label-selector',
    );
  });

  it('refuses a malformed matcher', async () => {
    const result = await runBinary([
      'scope',
      'promql',
      '-m',
      'namespace',
      'up',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Invalid label matcher "namespace": expected =, !=, =~ or !~ after "namespace"',
    );
  });
});
