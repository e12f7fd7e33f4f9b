import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { InputError } from '@backstage/errors';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentsMdGenerateAction } from './agentsMdGenerate';
import { createConventionsFixAction } from './conventionsFix';
import { createConventionsScaffoldAction } from './conventionsScaffold';

// A template workspace may hold a fetched repository whose author planted
// symlinks: the actions must neither read nor write through them.
describe('actions on a workspace with symlinks out of it', () => {
  const workspace = createMockDirectory();
  let outside: string;
  const secret = 'token: ghp_backend_secret\n';

  beforeEach(() => {
    workspace.setContent({
      'package.json': '{ "name": "demo", "private": true }\n',
      'src/index.ts': 'export const answer = 42;\n',
    });
    outside = mkdtempSync(join(tmpdir(), 'catalyst-outside-'));
    writeFileSync(join(outside, 'app-config.local.yaml'), secret);
  });

  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  function context(input: Record<string, string>) {
    return createMockActionContext({ input, workspacePath: workspace.path });
  }

  it('catalyst:agents-md:generate refuses an AGENTS.md that links outside', async () => {
    symlinkSync(
      join(outside, 'app-config.local.yaml'),
      join(workspace.path, 'AGENTS.md'),
    );
    const ctx = context({});
    await expect(
      createAgentsMdGenerateAction().handler(ctx as any),
    ).rejects.toThrow(InputError);
    expect(readFileSync(join(outside, 'app-config.local.yaml'), 'utf8')).toBe(
      secret,
    );
  });

  it.each([
    ['catalyst:conventions:fix', createConventionsFixAction],
    ['catalyst:conventions:scaffold', createConventionsScaffoldAction],
  ])('%s never writes through a symlink', async (_id, create) => {
    symlinkSync(
      join(outside, 'app-config.local.yaml'),
      join(workspace.path, '.editorconfig'),
    );
    const ctx = context({ pack: 'typescript' });
    await expect(create().handler(ctx as any)).rejects.toThrow(
      /\.editorconfig.*symlink/,
    );
    expect(readFileSync(join(outside, 'app-config.local.yaml'), 'utf8')).toBe(
      secret,
    );
  });
});
