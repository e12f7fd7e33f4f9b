import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { GithubSimulator } from '@catalyst/github-simulator';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultCheckoutService } from './DefaultCheckoutService';

const component = (location: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop',
    annotations: { 'backstage.io/source-location': location },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

describe('DefaultCheckoutService.componentRevision', () => {
  let github: GithubSimulator;
  let workingDirectory: string;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: 'ghs_revision' });
    workingDirectory = await fs.mkdtemp(join(tmpdir(), 'revision-'));
  });
  afterAll(async () => {
    await github.stop();
    await fs.rm(workingDirectory, { recursive: true, force: true });
  });

  const service = () =>
    new DefaultCheckoutService({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [github.integrationConfig()] },
        }),
      ),
      workingDirectory,
    });

  it('reads the head of the branch a clone would take, without an API request or a clone', async () => {
    const repo = await github.createRepository('acme/shop', {
      commits: [{ message: 'feat: shop', files: { 'README.md': '# Shop\n' } }],
    });
    await repo.commitFiles('release', { 'NOTES.md': 'v1\n' }, 'docs: notes');
    const checkouts = service();
    const from = github.requests.length;

    const onMain = component(`url:${github.urls.web}/acme/shop/tree/main/`);
    const first = await checkouts.componentRevision(onMain);
    expect(first).toBe(await repo.resolveRef('refs/heads/main'));
    // No branch in the location: the default branch (the remote's HEAD).
    expect(
      await checkouts.componentRevision(
        component(`url:${github.urls.web}/acme/shop`),
      ),
    ).toBe(first);
    expect(
      await checkouts.componentRevision(
        component(`url:${github.urls.web}/acme/shop/tree/release/`),
      ),
    ).toBe(await repo.resolveRef('refs/heads/release'));

    await repo.commitFiles('main', { 'src/a.ts': 'export {};\n' }, 'feat: a');
    const second = await checkouts.componentRevision(onMain);
    expect(second).not.toBe(first);
    expect(second).toBe(await repo.resolveRef('refs/heads/main'));

    expect(
      github.requests.slice(from).filter(r => r.operation !== 'git'),
    ).toEqual([]);
    expect(
      await fs.readdir(checkouts.directory).catch(() => [] as string[]),
    ).toEqual([]);
  });

  it('is undefined for a source that is not cloned, and fails for a branch that is not there', async () => {
    const checkouts = service();
    expect(
      await checkouts.componentRevision(component(`file:${tmpdir()}/shop/`)),
    ).toBeUndefined();
    expect(
      await checkouts.componentRevision(
        component('url:https://gitlab.example.com/acme/shop/-/tree/main/'),
      ),
    ).toBeUndefined();
    await expect(
      checkouts.componentRevision(
        component(`url:${github.urls.web}/acme/shop/tree/gone/`),
      ),
    ).rejects.toThrow(/has no refs\/heads\/gone or refs\/tags\/gone/);
  });
});
