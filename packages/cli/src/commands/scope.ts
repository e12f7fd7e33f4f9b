import {
  kubernetesLabelSelectorToMatchers,
  LabelMatcher,
  parseLabelMatcher,
  scopeLogQL,
  scopePromQL,
} from '@catalyst/plugin-observability-common/scoping';
import { Argument, Command } from 'commander';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';

/** Query languages the `scope` command rewrites. */
export type ScopeLanguage = 'promql' | 'logql';

/** What `catalyst scope` was asked to do. */
export type ScopeCommandOptions = {
  language: ScopeLanguage;
  matchers: LabelMatcher[];
  /** One query to scope; without it, one query per line is read from `stdin`. */
  query?: string;
};

/** The streams the command talks to, so tests can run it in-process. */
export type ScopeCommandStreams = {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
};

const scopers: Record<ScopeLanguage, typeof scopePromQL> = {
  promql: scopePromQL,
  logql: scopeLogQL,
};

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) {
    await once(stream, 'drain');
  }
}

/**
 * Scopes one query (exit code 0, or 1 with the reason on stderr) or every line of
 * stdin, answering each with a JSON line `{"query", "scoped"}` or `{"query", "error"}`
 * in input order (exit code 0 once all lines are read).
 */
export async function runScopeCommand(
  options: ScopeCommandOptions,
  streams: ScopeCommandStreams,
): Promise<number> {
  const scope = scopers[options.language];
  if (options.query !== undefined) {
    try {
      await write(
        streams.stdout,
        `${scope(options.query, options.matchers)}\n`,
      );
      return 0;
    } catch (error) {
      await write(streams.stderr, `${(error as Error).message}\n`);
      return 1;
    }
  }
  const lines = createInterface({ input: streams.stdin, crlfDelay: Infinity });
  for await (const query of lines) {
    let answer:
      | { query: string; scoped: string }
      | { query: string; error: string };
    try {
      answer = { query, scoped: scope(query, options.matchers) };
    } catch (error) {
      answer = { query, error: (error as Error).message };
    }
    await write(streams.stdout, `${JSON.stringify(answer)}\n`);
  }
  return 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds `catalyst scope <promql|logql> [query]`. */
export function registerScopeCommand(program: Command): void {
  program
    .command('scope')
    .description(
      'Restrict PromQL or LogQL queries to a scope: every selector gets the scope matchers, replacing any matcher on the same labels',
    )
    .addArgument(
      new Argument('<language>', 'query language').choices(['promql', 'logql']),
    )
    .argument(
      '[query]',
      'the query to scope (put it after -- if it starts with "-"); without it, one query per line is read from stdin and answered with one JSON line each',
    )
    .option(
      '-m, --matcher <matcher>',
      'scope matcher: name=value, name!=value, name=~regex or name!~regex (repeatable)',
      collect,
      [],
    )
    .option(
      '-l, --label-selector <selector>',
      'scope given as a Kubernetes label selector, e.g. "app.kubernetes.io/name=payments,tier in (web,api)"',
    )
    .action(
      async (
        language: ScopeLanguage,
        query: string | undefined,
        opts: { matcher: string[]; labelSelector?: string },
      ) => {
        const matchers = opts.matcher.map(parseLabelMatcher);
        if (opts.labelSelector !== undefined) {
          matchers.push(
            ...kubernetesLabelSelectorToMatchers(opts.labelSelector),
          );
        }
        if (matchers.length === 0) {
          throw new Error(
            'scope needs at least one --matcher or a --label-selector',
          );
        }
        process.exitCode = await runScopeCommand(
          { language, matchers, query },
          {
            stdin: process.stdin,
            stdout: process.stdout,
            stderr: process.stderr,
          },
        );
      },
    );
}
