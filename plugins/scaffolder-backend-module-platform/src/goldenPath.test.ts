import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  defaultConventionPacks,
  detectConventionDrift,
} from '@catalyst/conventions';
import { promises as fs, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import yaml from 'yaml';
import { createAgentsMdGenerateAction } from './actions/agentsMdGenerate';
import { createConventionsFixAction } from './actions/conventionsFix';
import { createConventionsScaffoldAction } from './actions/conventionsScaffold';

const templateDir = resolve(__dirname, '../../../templates/typescript-service');
const actions = [
  createAgentsMdGenerateAction(),
  createConventionsScaffoldAction(),
  createConventionsFixAction(),
];
const workspace = createMockDirectory();

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(entry =>
      entry.isDirectory()
        ? listFiles(join(dir, entry.name))
        : [join(dir, entry.name)],
    ),
  );
  return files.flat();
}

describe('the TypeScript golden-path template', () => {
  it('runs its Catalyst steps on the skeleton: conventions, AGENTS.md, specs/ and catalog-info.yaml', async () => {
    const template = yaml.parse(
      readFileSync(join(templateDir, 'template.yaml'), 'utf8'),
    );
    const values: Record<string, string> = {
      name: 'payments',
      description: 'Payments API',
      owner: 'group:default/team-a',
    };
    // fetch:template's part, for the plain `values.x` placeholders the skeleton uses outside catalog-info.yaml.
    const skeleton = join(templateDir, 'skeleton');
    for (const file of await listFiles(skeleton)) {
      const content = readFileSync(file, 'utf8').replace(
        /\$\{\{ values\.(\w+) \}\}/g,
        (_, key) => values[key],
      );
      workspace.addContent({ [relative(skeleton, file)]: content });
    }

    const catalystSteps = (template.spec.steps as any[]).filter(step =>
      step.action.startsWith('catalyst:'),
    );
    expect(catalystSteps.map(step => step.action)).toEqual([
      'catalyst:conventions:scaffold',
      'catalyst:agents-md:generate',
    ]);
    for (const step of catalystSteps) {
      const action = actions.find(a => a.id === step.action)!;
      const ctx = createMockActionContext({
        input: step.input ?? {},
        workspacePath: workspace.path,
      });
      await action.handler(ctx as any);
    }

    const check = await detectConventionDrift({
      repoDir: workspace.path,
      packs: defaultConventionPacks,
    });
    expect(check.pack).toMatchObject({
      id: 'typescript',
      reason: expect.stringContaining('catalyst.yaml'),
    });
    expect(check.drifted).toBe(false);
    const agentsMd = readFileSync(workspace.resolve('AGENTS.md'), 'utf8');
    expect(agentsMd).toContain('<!-- catalyst:begin -->');
    expect(agentsMd).toContain('`npm test`');
    expect(readFileSync(workspace.resolve('specs/README.md'), 'utf8')).toMatch(
      /Spec Kit/,
    );
    expect(
      readFileSync(workspace.resolve('catalog-info.yaml'), 'utf8'),
    ).toContain('github.com/project-slug');
  });
});
