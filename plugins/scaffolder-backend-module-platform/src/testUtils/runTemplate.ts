import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'yaml';
import { createAgentsMdGenerateAction } from '../actions/agentsMdGenerate';
import { createConventionsScaffoldAction } from '../actions/conventionsScaffold';

/**
 * The directory of one of the repository's golden-path templates (`templates/<name>`).
 *
 * @public
 */
export function goldenPathTemplateDir(
  name: 'typescript-service' | 'go-service' | 'python-service',
): string {
  // The templates live at the repository root, beside the plugins.
  return resolvePackagePath(
    '@catalyst/plugin-scaffolder-backend-module-platform',
    '../../templates',
    name,
  );
}

/**
 * Runs a golden-path template's steps up to publishing into `workspacePath`: Backstage's
 * real fetch:template (the skeleton rendered with `values` as the template's own step would)
 * followed by its catalyst:* steps. Returns the ids of the actions it ran.
 *
 * @public
 */
export async function runTemplateSteps(options: {
  templateDir: string;
  workspacePath: string;
  values: Record<string, string>;
}): Promise<string[]> {
  const templateFile = join(options.templateDir, 'template.yaml');
  const template = yaml.parse(readFileSync(templateFile, 'utf8'));
  const fetchTemplate = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [{ host: 'github.com' }] },
      }),
    ),
  });
  const actions = [
    fetchTemplate,
    createConventionsScaffoldAction(),
    createAgentsMdGenerateAction(),
  ];
  const steps = (template.spec.steps as any[]).filter(step =>
    actions.some(action => action.id === step.action),
  );
  const fetchDirs: string[] = [];
  try {
    await runSteps();
  } finally {
    fetchDirs.forEach(dir => rmSync(dir, { recursive: true, force: true }));
  }
  return steps.map(step => step.action);

  async function runSteps() {
    for (const step of steps) {
      const action = actions.find(a => a.id === step.action)!;
      const input =
        step.action === 'fetch:template'
          ? { ...step.input, values: options.values }
          : step.input ?? {};
      const ctx = createMockActionContext({
        input,
        workspacePath: options.workspacePath,
        templateInfo: {
          baseUrl: pathToFileURL(templateFile).href,
          entityRef: `template:default/${template.metadata.name}`,
        },
      });
      // The mock context's temporary directory is the workspace itself, so
      // fetch:template would leave the raw skeleton in `<workspace>/template`;
      // a real scaffolder run fetches it into a directory of its own.
      ctx.createTemporaryDirectory = async () => {
        const dir = mkdtempSync(join(tmpdir(), 'catalyst-template-'));
        fetchDirs.push(dir);
        return dir;
      };
      await action.handler(ctx as any);
    }
  }
}

/**
 * Runs a command of the generated project in `cwd`; a failure carries the
 * command's output, so a failing test shows what the tool said.
 *
 * @public
 */
export async function runInProject(
  cwd: string,
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      command,
      args,
      { cwd, env: env ?? process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(' ')} failed: ${
                error.message
              }\n${stdout}\n${stderr}`,
            ),
          );
        } else {
          resolvePromise({ stdout, stderr });
        }
      },
    );
  });
}
