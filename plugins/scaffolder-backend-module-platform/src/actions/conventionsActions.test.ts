import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  defaultConventionPacks,
  detectConventionDrift,
} from '@catalyst/conventions';
import { readFileSync } from 'node:fs';
import yaml from 'yaml';
import { createConventionsFixAction } from './conventionsFix';
import { examples as fixExamples } from './conventionsFix.examples';
import { createConventionsScaffoldAction } from './conventionsScaffold';
import { examples as scaffoldExamples } from './conventionsScaffold.examples';

const workspace = createMockDirectory();

/** Skeletons a template would fetch, one per pack. */
const skeletons: Record<string, Record<string, string>> = {
  typescript: {
    'package.json': '{ "name": "demo", "private": true }\n',
    'src/index.ts': 'export const answer = 42;\n',
    'src/index.test.ts': "test('answer', () => {});\n",
  },
  go: {
    'go.mod': 'module example.com/ledger\n\ngo 1.22\n',
    'main.go': 'package main\n\nfunc main() {}\n',
    'main_test.go': 'package main\n',
  },
  python: {
    'pyproject.toml': '[project]\nname = "worker"\n',
    'worker/app.py': 'ANSWER = 42\n',
    'tests/test_app.py': 'def test_answer():\n    pass\n',
  },
};

function run(
  action:
    | ReturnType<typeof createConventionsFixAction>
    | ReturnType<typeof createConventionsScaffoldAction>,
  input: Record<string, string>,
) {
  const ctx = createMockActionContext({
    input,
    workspacePath: workspace.path,
  });
  return {
    done: action.handler(ctx as any),
    outputs: () =>
      Object.fromEntries(
        (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
          name,
          value,
        ]),
      ),
  };
}

function steps(example: { example: string }, id: string): any[] {
  return (yaml.parse(example.example).steps as any[]).filter(
    step => step.action === id,
  );
}

function placeSkeleton(pack: string, folder: string) {
  workspace.clear();
  workspace.setContent(
    Object.fromEntries(
      Object.entries(skeletons[pack]).map(([path, content]) => [
        folder === '.' ? path : `${folder}/${path}`,
        content,
      ]),
    ),
  );
}

describe('catalyst:conventions:scaffold', () => {
  const action = createConventionsScaffoldAction();

  beforeEach(() => workspace.clear());

  it.each(scaffoldExamples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_description, example) => {
      const found = steps(example, action.id);
      expect(found.length).toBeGreaterThan(0);
      for (const step of found) {
        const folder: string = step.input.path ?? '.';
        placeSkeleton(step.input.pack, folder);
        const { done, outputs } = run(action, step.input);
        await done;

        const pack = defaultConventionPacks.find(
          p => p.id === step.input.pack,
        )!;
        const dir = workspace.resolve(folder);
        expect(readFileSync(`${dir}/catalyst.yaml`, 'utf8')).toBe(
          `conventions:\n  pack: ${pack.id}\n`,
        );
        expect(outputs()).toEqual({
          written: ['catalyst.yaml', ...pack.files.map(f => f.path)],
          catalystConfig: true,
        });
        const check = await detectConventionDrift({
          repoDir: dir,
          packs: defaultConventionPacks,
        });
        expect(check.pack.id).toBe(pack.id);
        expect(
          check.reports.filter(r => r.kind === 'file' && r.status !== 'pass'),
        ).toEqual([]);
      }
    },
  );

  it("keeps the skeleton's catalyst.yaml and refuses unknown packs", async () => {
    workspace.setContent({
      ...skeletons.typescript,
      'catalyst.yaml':
        'conventions:\n  pack: typescript\n  files:\n    .github/CODEOWNERS: false\n',
    });
    const { done, outputs } = run(action, { pack: 'typescript' });
    await done;
    expect(outputs().catalystConfig).toBe(false);
    expect(outputs().written).not.toContain('.github/CODEOWNERS');
    expect(outputs().written).not.toContain('catalyst.yaml');
    expect(readFileSync(workspace.resolve('catalyst.yaml'), 'utf8')).toContain(
      'CODEOWNERS: false',
    );
    await expect(
      run(action, { pack: 'typescript', path: '../x' }).done,
    ).rejects.toThrow(/outside/i);
  });
});

describe('catalyst:conventions:fix', () => {
  const action = createConventionsFixAction();

  beforeEach(() => workspace.clear());

  it.each(fixExamples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_description, example) => {
      const found = steps(example, action.id);
      expect(found.length).toBeGreaterThan(0);
      for (const step of found) {
        const folder: string = step.input?.path ?? '.';
        const packId: string = step.input?.pack ?? 'typescript';
        placeSkeleton(packId, folder);
        const { done, outputs } = run(action, step.input ?? {});
        await done;
        const pack = defaultConventionPacks.find(p => p.id === packId)!;
        expect(outputs()).toMatchObject({
          pack: packId,
          written: pack.files.map(f => f.path),
        });
        const again = run(action, step.input ?? {});
        await again.done;
        expect(again.outputs().written).toEqual([]);
      }
    },
  );

  it('rewrites only drifted files and reports catalyst.yaml mistakes with their line', async () => {
    workspace.setContent({
      ...skeletons.typescript,
      '.editorconfig': 'root = true\n',
      '.github/CODEOWNERS': '* @acme/payments\n',
    });
    const { done, outputs } = run(action, {});
    await done;
    expect(outputs().written).toContain('.editorconfig');
    expect(outputs().written).not.toContain('.github/CODEOWNERS');
    expect(readFileSync(workspace.resolve('.github/CODEOWNERS'), 'utf8')).toBe(
      '* @acme/payments\n',
    );

    workspace.setContent({
      ...skeletons.typescript,
      'catalyst.yaml': 'conventions:\n  pack: cobol\n',
    });
    await expect(run(action, {}).done).rejects.toThrow(
      /catalyst:conventions:fix: catalyst.yaml:2: .*cobol/,
    );
  });
});
