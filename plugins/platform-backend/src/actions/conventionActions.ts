import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { resolveConventions } from '@catalyst/conventions';
import { ConventionsService } from '../conventions/ConventionsService';
import { checkPullRequest } from '../conventions/pullRequestChecks';
import { normalizeEntityRef } from '@catalyst/backend-common';

const MAX_COMMITS = 250;
const MAX_FILES = 3000;

/**
 * check-conventions: a component's drift report (as `GET /conventions/...`),
 * and the pull request checks the GitHub webhook runs, on a branch name,
 * commit messages and changed files the caller is about to push.
 */
export function registerConventionActions(
  registry: ActionsRegistryService,
  deps: { service: ConventionsService },
) {
  const { service } = deps;
  registry.register({
    name: 'check-conventions',
    title: 'Check conventions',
    description: `Checks a component against its convention pack (the platform's rules with the repository's catalyst.yaml overrides). Always returns the drift report of the default branch: standard files missing or drifted, rules not followed. Give branch, commitMessages, title and/or changedFiles to also run the pull request checks Catalyst runs on GitHub (Conventional Commits, branch naming, tests changed with source, file names) on what you are about to push; fix every finding of level "failure" before pushing.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(255)
            .describe(
              'Component entity ref, e.g. component:default/payments-api',
            ),
          branch: z.string().min(1).max(255).optional(),
          title: z
            .string()
            .max(1000)
            .optional()
            .describe('The pull request title you will use'),
          commitMessages: z
            .array(z.string().max(10_000))
            .max(MAX_COMMITS)
            .optional(),
          changedFiles: z
            .array(
              z.object({
                path: z.string().min(1).max(1024),
                status: z.enum(['added', 'modified', 'removed', 'renamed']),
              }),
            )
            .max(MAX_FILES)
            .optional(),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          pack: z.object({
            id: z.string(),
            title: z.string(),
            reason: z.string(),
          }),
          drifted: z.boolean(),
          summary: z.record(z.number()),
          items: z.array(
            z.object({
              kind: z.enum(['file', 'rule']),
              name: z.string(),
              ruleType: z.string().optional(),
              required: z.boolean(),
              status: z
                .string()
                .describe('pass, drift, missing, overridden, unchecked'),
              evidence: z.array(z.string()),
            }),
          ),
          warnings: z.array(
            z.object({
              file: z.string(),
              line: z.number().optional(),
              message: z.string(),
            }),
          ),
          pullRequestChecks: z
            .object({
              passed: z.boolean().describe('No finding of level failure'),
              findings: z.array(
                z.object({
                  check: z.string(),
                  level: z.enum(['failure', 'warning']),
                  message: z.string(),
                  path: z.string().optional(),
                  line: z.number().optional(),
                }),
              ),
            })
            .optional()
            .describe(
              'Present when branch, title, commits or files were given',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = normalizeEntityRef(input.entityRef);
      const { report, overrides } = await service.inspect(
        entityRef,
        credentials,
      );
      const { pullRequest: _pr, ...drift } = report;
      const wantsChecks =
        input.branch !== undefined ||
        input.title !== undefined ||
        input.commitMessages !== undefined ||
        input.changedFiles !== undefined;
      if (!wantsChecks) return { output: drift };
      const pack = (await service.packsFor(entityRef)).find(
        p => p.id === report.pack.id,
      );
      if (!pack) {
        return {
          output: {
            ...drift,
            pullRequestChecks: { passed: true, findings: [] },
          },
        };
      }
      const resolved = resolveConventions(pack, overrides);
      const findings = checkPullRequest(
        {
          title: input.title ?? '',
          branch: input.branch ?? '',
          commits: (input.commitMessages ?? []).map((message, index) => ({
            sha: `input-${index + 1}`,
            message,
            parents: 1,
          })),
          files: (input.changedFiles ?? []).map(file => ({
            filename: file.path,
            status: file.status,
          })),
        },
        { ...pack, rules: resolved.rules },
      ).filter(
        f =>
          (!f.path || !resolved.isIgnored(f.path)) &&
          // What was not given is not checked.
          (f.check !== 'pr-title' || input.title !== undefined) &&
          (f.check !== 'branch-name' || input.branch !== undefined),
      );
      return {
        output: {
          ...drift,
          pullRequestChecks: {
            passed: !findings.some(f => f.level === 'failure'),
            findings,
          },
        },
      };
    },
  });
}
