import {
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import {
  createCleanRepository,
  removeFixtureRepositories,
} from '../__testUtils__/fixtureRepositories';
import { fixConventionDrift } from '../fix/fixConventionDrift';
import { defaultConventionPacks, typescriptConventionPack } from '../packs';
import { detectConventionDrift } from './detectConventionDrift';

// A repository author controls every file of the checkout, symlinks included:
// nothing outside the checkout may be read into a report or written by a fix.
describe('a hostile checkout', () => {
  let outside: string;
  const secret = 'GITHUB_TOKEN=ghp_from_the_backend_host';

  beforeEach(() => {
    outside = mkdtempSync(joinPath(tmpdir(), 'catalyst-outside-'));
    writeFileSync(joinPath(outside, 'secret.env'), secret);
  });

  afterEach(() => {
    removeFixtureRepositories();
    rmSync(outside, { recursive: true, force: true });
  });

  it('never reads a standard file through a symlink out of the checkout', async () => {
    const repoDir = createCleanRepository(typescriptConventionPack);
    rmSync(joinPath(repoDir, '.editorconfig'));
    symlinkSync('/proc/self/environ', joinPath(repoDir, '.editorconfig'));
    rmSync(joinPath(repoDir, '.prettierrc.json'), { force: true });
    symlinkSync(
      joinPath(outside, 'secret.env'),
      joinPath(repoDir, '.prettierrc.json'),
    );

    const check = await detectConventionDrift({
      repoDir,
      packs: defaultConventionPacks,
    });

    const text = JSON.stringify(check);
    expect(text).not.toContain('ghp_from_the_backend_host');
    expect(text).not.toContain('PATH=');
    const editorconfig = check.reports.find(r => r.name === '.editorconfig')!;
    expect(editorconfig.status).toBe('drift');
    expect(editorconfig.evidence.join(' ')).toMatch(/outside the checkout/);
  });

  it('refuses a catalyst.yaml that points outside the checkout', async () => {
    const repoDir = createCleanRepository(typescriptConventionPack);
    symlinkSync(
      joinPath(outside, 'secret.env'),
      joinPath(repoDir, 'catalyst.yaml'),
    );
    await expect(
      detectConventionDrift({ repoDir, packs: defaultConventionPacks }),
    ).rejects.toThrow(/catalyst\.yaml leads outside the checkout/);
  });

  it('never writes a fix through a symlink', async () => {
    const repoDir = createCleanRepository(typescriptConventionPack);
    rmSync(joinPath(repoDir, '.editorconfig'));
    symlinkSync(
      joinPath(outside, 'secret.env'),
      joinPath(repoDir, '.editorconfig'),
    );

    await expect(
      fixConventionDrift({ repoDir, packs: defaultConventionPacks }),
    ).rejects.toThrow(/\.editorconfig is a symlink: not written/);
    expect(readFileSync(joinPath(outside, 'secret.env'), 'utf8')).toBe(secret);
  });
});
