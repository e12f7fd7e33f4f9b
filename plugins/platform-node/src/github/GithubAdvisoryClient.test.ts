import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubAdvisoryClient } from './GithubAdvisoryClient';
import { GithubAuthError } from './GithubApiError';
import { GithubSimulator } from '@catalyst/github-simulator';

describe('GithubAdvisoryClient', () => {
  let simulator: GithubSimulator;
  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    simulator.addAdvisory({
      ghsaId: 'GHSA-aaaa-bbbb-cccc',
      summary: 'Prototype pollution in left-pad',
      severity: 'high',
      ecosystem: 'npm',
      packageName: 'left-pad',
      vulnerableVersionRange: '>= 1.0.0, < 1.3.0',
      firstPatchedVersion: '1.3.0',
      cveId: 'CVE-2026-0001',
    });
    simulator.addAdvisory({
      ghsaId: 'GHSA-dddd-eeee-ffff',
      summary: 'ReDoS in @acme/util',
      severity: 'low',
      ecosystem: 'npm',
      packageName: '@acme/util',
      vulnerableVersionRange: '< 2.0.1',
      firstPatchedVersion: '2.0.1',
    });
    simulator.addAdvisory({
      ghsaId: 'GHSA-gggg-hhhh-iiii',
      summary: 'A Go module with the same name',
      severity: 'critical',
      ecosystem: 'go',
      packageName: 'left-pad',
      vulnerableVersionRange: '< 9.0.0',
      firstPatchedVersion: '9.0.0',
    });
    // More than a page of advisories on one package: the client follows `next` links.
    for (let i = 0; i < 120; i++) {
      simulator.addAdvisory({
        ghsaId: `GHSA-many-${String(i).padStart(4, '0')}`,
        summary: `Issue ${i}`,
        severity: 'medium',
        ecosystem: 'npm',
        packageName: 'many-issues',
        vulnerableVersionRange: '< 5.0.0',
        firstPatchedVersion: '5.0.0',
      });
    }
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'init', files: { 'README.md': '# web\n' } }],
    });
  });
  afterAll(() => simulator.stop());

  const client = (token?: string) =>
    new GithubAdvisoryClient({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                ...simulator.integrationConfig(),
                token: token ?? simulator.token,
              },
            ],
          },
        }),
      ),
    });

  it('lists the advisories affecting the versions in use, of the ecosystem asked', async () => {
    const advisories = await client().listAffecting({
      repository: `${simulator.urls.web}/acme/web`,
      ecosystem: 'npm',
      packages: [
        { name: 'left-pad', version: '1.2.0' },
        { name: '@acme/util', version: '2.0.1' },
        { name: 'unaffected', version: '1.0.0' },
      ],
    });
    expect(advisories).toEqual([
      {
        ghsaId: 'GHSA-aaaa-bbbb-cccc',
        severity: 'high',
        summary: 'Prototype pollution in left-pad',
        url: `${simulator.urls.web}/advisories/GHSA-aaaa-bbbb-cccc`,
        packageName: 'left-pad',
        vulnerableVersionRange: '>= 1.0.0, < 1.3.0',
        firstPatchedVersion: '1.3.0',
      },
    ]);
    const request = simulator.requests.find(
      r => r.operation === 'security-advisories/list-global-advisories',
    );
    expect(request?.path).toContain('ecosystem=npm');
    expect(decodeURIComponent(request!.path)).toContain(
      'affects=left-pad@1.2.0,@acme/util@2.0.1,unaffected@1.0.0',
    );
  });

  it('reads every page', async () => {
    const advisories = await client().listAffecting({
      repository: `${simulator.urls.web}/acme/web`,
      ecosystem: 'npm',
      packages: [{ name: 'many-issues', version: '4.0.0' }],
    });
    expect(advisories).toHaveLength(120);
    expect(new Set(advisories.map(a => a.ghsaId)).size).toBe(120);
  });

  it('asks nothing for no packages and fails typed on bad credentials', async () => {
    const before = simulator.requests.length;
    await expect(
      client().listAffecting({
        repository: `${simulator.urls.web}/acme/web`,
        ecosystem: 'npm',
        packages: [],
      }),
    ).resolves.toEqual([]);
    expect(simulator.requests.length).toBe(before);
    await expect(
      client('wrong').listAffecting({
        repository: `${simulator.urls.web}/acme/web`,
        ecosystem: 'npm',
        packages: [{ name: 'left-pad', version: '1.2.0' }],
      }),
    ).rejects.toBeInstanceOf(GithubAuthError);
  });
});
