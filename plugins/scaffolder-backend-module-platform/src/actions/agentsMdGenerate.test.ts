import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  analyzeRepository,
  significantFactsHash,
} from '@catalyst/repo-analyzer';
import { readFileSync } from 'node:fs';
import yaml from 'yaml';
import { createAgentsMdGenerateAction } from './agentsMdGenerate';
import { examples } from './agentsMdGenerate.examples';

/** A small TypeScript service, as a skeleton would leave it in the workspace. */
const service = {
  'package.json': `${JSON.stringify(
    {
      name: 'payments',
      description: 'Payments API: charges and refunds',
      private: true,
      packageManager: 'yarn@4.1.0',
      scripts: { test: 'jest', lint: 'eslint .' },
      devDependencies: {
        jest: '^29.0.0',
        eslint: '^9.0.0',
        prettier: '^3.0.0',
      },
    },
    null,
    2,
  )}\n`,
  '.prettierrc': '{ "singleQuote": true }\n',
  'src/index.ts': "export const greeting = 'hello';\n",
  'src/index.test.ts': "test('greets', () => {});\n",
};

const action = createAgentsMdGenerateAction();
const workspace = createMockDirectory();

function run(input: { path?: string }) {
  const ctx = createMockActionContext({
    input,
    workspacePath: workspace.path,
  });
  return {
    ctx,
    done: action.handler(ctx as Parameters<typeof action.handler>[0]),
    outputs: () =>
      Object.fromEntries(
        (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
          name,
          value,
        ]),
      ),
  };
}

describe('catalyst:agents-md:generate', () => {
  beforeEach(() => workspace.clear());

  it('documents its examples', () => {
    expect(action.examples?.length).toBeGreaterThan(0);
    expect(action.id).toBe('catalyst:agents-md:generate');
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_description, example) => {
      const steps = (yaml.parse(example.example).steps as any[]).filter(
        step => step.action === action.id,
      );
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        workspace.clear();
        const folder: string = step.input?.path ?? '.';
        workspace.setContent(
          Object.fromEntries(
            Object.entries(service).map(([path, content]) => [
              folder === '.' ? path : `${folder}/${path}`,
              content,
            ]),
          ),
        );

        const { done, outputs } = run(step.input ?? {});
        await done;

        const dir = workspace.resolve(folder);
        const agentsMdPath =
          folder === '.' ? 'AGENTS.md' : `${folder}/AGENTS.md`;
        const written = readFileSync(workspace.resolve(agentsMdPath), 'utf8');
        expect(written).toMatch(/^# AGENTS\.md\n\n<!-- catalyst:begin -->/);
        expect(written).toContain('| Test | `yarn test` | `jest` |');
        expect(written).toContain('| Lint | `yarn lint` | `eslint .` |');
        expect(outputs()).toEqual({
          factsHash: significantFactsHash(await analyzeRepository(dir)),
          agentsMdPath,
          created: true,
          changed: true,
        });
      }
    },
  );

  it('keeps the hand-written parts of an existing AGENTS.md and writes nothing when it is current', async () => {
    const handWritten =
      '# Payments\n\nAsk Dana before touching billing.\n\n<!-- catalyst:begin -->\nold block\n<!-- catalyst:end -->\n\n## Deploying\n\nOnly on Tuesdays.\n';
    workspace.setContent({ ...service, 'AGENTS.md': handWritten });

    const first = run({});
    await first.done;

    const written = readFileSync(workspace.resolve('AGENTS.md'), 'utf8');
    expect(
      written.startsWith(
        '# Payments\n\nAsk Dana before touching billing.\n\n<!-- catalyst:begin -->',
      ),
    ).toBe(true);
    expect(
      written.endsWith(
        '<!-- catalyst:end -->\n\n## Deploying\n\nOnly on Tuesdays.\n',
      ),
    ).toBe(true);
    expect(written).not.toContain('old block');
    expect(first.outputs()).toMatchObject({ created: false, changed: true });

    const second = run({});
    await second.done;
    expect(second.outputs()).toMatchObject({ created: false, changed: false });
    expect(readFileSync(workspace.resolve('AGENTS.md'), 'utf8')).toBe(written);
  });

  it('refuses folders outside the workspace or missing from it', async () => {
    workspace.setContent(service);

    await expect(run({ path: '../outside' }).done).rejects.toThrow(/outside/i);
    await expect(run({ path: 'services/nope' }).done).rejects.toThrow(
      "catalyst:agents-md:generate: 'services/nope' is not a folder of the workspace",
    );
  });

  it('says where the markers of an existing AGENTS.md are broken', async () => {
    workspace.setContent({
      ...service,
      'AGENTS.md': '# AGENTS.md\n\n<!-- catalyst:end -->\n',
    });

    await expect(run({}).done).rejects.toThrow(
      /AGENTS.md line 3: <!-- catalyst:end --> has no matching <!-- catalyst:begin -->/,
    );
    expect(readFileSync(workspace.resolve('AGENTS.md'), 'utf8')).toBe(
      '# AGENTS.md\n\n<!-- catalyst:end -->\n',
    );
  });
});
