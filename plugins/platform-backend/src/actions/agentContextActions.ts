import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentContextService } from '../agentContext/AgentContextService';
import { normalizeEntityRef } from '@catalyst/backend-common';
import type { ActionZod } from './actionZod';

const entityRefInput = (z: ActionZod) =>
  z
    .string()
    .min(1)
    .max(255)
    .describe(
      'Component entity ref, e.g. component:default/payments-api (kind and namespace default to component and default)',
    );

const factSchema = (z: ActionZod) =>
  z.object({
    kind: z.string().describe('command, style, history, layout...'),
    label: z.string().describe('The fact in words'),
    source: z
      .object({
        file: z.string().optional(),
        line: z.number().optional(),
        git: z.string().optional(),
        note: z.string().optional(),
      })
      .describe('Where the fact was read: a file and line, or git evidence'),
  });

const sourceSchema = (z: ActionZod) =>
  z.object({
    type: z.enum(['directory', 'clone', 'tree']),
    location: z.string(),
    commit: z.string().optional(),
  });

/**
 * The agent-context actions: the generated AGENTS.md with its facts and
 * staleness, and the project's commands. Read as the caller through the
 * agent-context service the routes use (the component must be visible in
 * the catalog).
 */
export function registerAgentContextActions(
  registry: ActionsRegistryService,
  deps: { service: AgentContextService },
) {
  const { service } = deps;

  registry.register({
    name: 'get-agent-context',
    title: 'Get agent context',
    description: `Returns a component's AGENTS.md as Catalyst generates it from an analysis of its repository (commands, conventions, layout, active specs), each line with the facts it rests on and where they were read, and whether the AGENTS.md committed in the repository is stale. Prefer it over reading AGENTS.md when the checkout may be old.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: entityRefInput(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          content: z.string().describe('The whole AGENTS.md as generated'),
          stale: z
            .boolean()
            .describe('The committed AGENTS.md says something else'),
          staleReason: z.string().optional(),
          changes: z
            .object({
              added: z.array(z.string()),
              removed: z.array(z.string()),
            })
            .describe(
              'Lines a refresh would add to and remove from the committed block',
            ),
          factsHash: z.string(),
          lines: z
            .array(
              z.object({
                line: z.number(),
                text: z.string(),
                section: z.string().optional(),
                facts: z.array(factSchema(z)),
              }),
            )
            .describe('The lines that rest on facts, with those facts'),
          diagnostics: z.array(
            z.object({
              severity: z.string(),
              message: z.string(),
              file: z.string().optional(),
              line: z.number().optional(),
            }),
          ),
          source: sourceSchema(z),
          pullRequest: z
            .object({ number: z.number(), url: z.string() })
            .optional()
            .describe('The open pull request refreshing AGENTS.md'),
          lastGeneratedAt: z.string(),
          lastCheckedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const view = await service.getContext(
        normalizeEntityRef(input.entityRef),
        credentials,
      );
      return {
        output: { ...view, lines: view.lines.filter(l => l.facts.length) },
      };
    },
  });

  registry.register({
    name: 'describe-project-commands',
    title: 'Describe project commands',
    description: `Lists the commands to install, build, test, run one test, lint, format and run a component, as the repository analysis found them, each with the file (package.json script, Makefile target, CI step...) and line it came from. Run them yourself from the root of your checkout; this tool does not run anything.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: entityRefInput(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          commands: z.array(
            z.object({
              task: z
                .string()
                .describe('Install, Build, Test, One test, Lint...'),
              command: z.string().describe('Run from the repository root'),
              runs: z.string().optional(),
              description: z.string().optional(),
              listed: z
                .enum(['primary', 'more'])
                .describe('primary: the main command for its task'),
              sources: z.array(factSchema(z)),
            }),
          ),
          source: sourceSchema(z).describe('The checkout that was analysed'),
          lastGeneratedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await service.getProjectCommands(
        normalizeEntityRef(input.entityRef),
        credentials,
      ),
    }),
  });
}
