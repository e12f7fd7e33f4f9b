import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubSimulator } from '@catalyst/github-simulator';
import { GithubBudget } from '../github/GithubBudget';
import { SpecSourceReader } from './SpecSourceReader';

jest.setTimeout(60_000);

// Longer than the 100 bytes of a tar header's name: git archive writes a pax header.
const LONG_FOLDER = `specs/002-${'a-rather-long-feature-name-'.repeat(4)}x`;

describe('SpecSourceReader on GitHub', () => {
  let github: GithubSimulator;

  beforeAll(async () => {
    github = await GithubSimulator.start({
      token: 'ghs_specs',
      rateLimit: { limit: 100 },
    });
    await github.createRepository('acme/web', {
      commits: [
        {
          message: 'feat(web): first',
          files: {
            'catalog-info.yaml': 'kind: Component\n',
            'AGENTS.md': 'Working on specs/001-login\n',
            'src/index.ts': 'export {};\n',
            'specs/001-login/spec.md': '# Login\n',
            'specs/001-login/tasks.md': '# Tasks\n\n- [ ] T001 Form\n',
            [`${LONG_FOLDER}/tasks.md`]: '# Tasks\n\n- [x] T001 Index\n',
          },
        },
      ],
    });
  });

  afterAll(async () => {
    await github.stop();
  });

  const entity = (): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'web',
      annotations: {
        'backstage.io/source-location': `url:${github.urls.web}/acme/web/tree/main/`,
      },
    },
  });

  it('reads a repository with one branch read and one archive read, then one free conditional read while unchanged', async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [github.integrationConfig()] },
      }),
    );
    const budget = new GithubBudget();
    // The URL reader is not asked: the archive is read at the branch's commit.
    const urlReader = mockServices.urlReader.mock();
    const reader = new SpecSourceReader(urlReader, integrations, { budget });
    const from = github.requests.length;

    const read = await reader.read(entity());

    expect(read!.index.specs.map(s => s.slug).sort()).toEqual([
      '001-login',
      LONG_FOLDER.slice('specs/'.length),
    ]);
    expect(read!.activeSlugs).toEqual(['001-login']);
    expect(urlReader.readTree).not.toHaveBeenCalled();
    expect(
      github.requests.slice(from).map(r => `${r.operation} ${r.status}`),
    ).toEqual(['git/get-ref 200', 'repos/download-tarball-archive 200']);

    const again = github.requests.length;
    await expect(reader.read(entity(), { etag: read!.etag })).rejects.toThrow(
      expect.objectContaining({ name: 'NotModifiedError' }),
    );
    expect(github.requests.slice(again)).toEqual([
      expect.objectContaining({
        operation: 'git/get-ref',
        status: 304,
        counted: false,
      }),
    ]);
    expect(budget.snapshot().features).toEqual([
      { feature: 'specs', requests: 2, notModified: 1, rateLimited: 0 },
    ]);
  });
});
