import { ConfigReader } from '@backstage/config';
import {
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHECKOUTS_FOLDER,
  DefaultCheckoutService,
} from './DefaultCheckoutService';

// Local repositories need no credentials; the provider is asked all the same.
const noCredentials: GithubCredentialsProvider = {
  getCredentials: async () => ({ type: 'token', headers: {} }),
};

describe('DefaultCheckoutService', () => {
  let root: string;
  let workingDirectory: string;
  let repositoryUrl: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'checkout-service-'));
    workingDirectory = join(root, 'work');
    await fs.mkdir(workingDirectory);
    const source = join(root, 'source');
    await fs.mkdir(source);
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: source,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Test',
          GIT_AUTHOR_EMAIL: 'test@example.com',
          GIT_COMMITTER_NAME: 'Test',
          GIT_COMMITTER_EMAIL: 'test@example.com',
        },
      });
    git('init', '--quiet', '--initial-branch=main');
    await fs.writeFile(join(source, 'README.md'), '# Shop\n');
    await fs.writeFile(join(source, 'old.txt'), 'old\n');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'feat: shop');
    git('clone', '--quiet', '--bare', source, join(root, 'shop.git'));
    repositoryUrl = `file://${join(root, 'shop')}`;
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const service = (localRoots?: string[]) =>
    new DefaultCheckoutService({
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      credentialsProvider: noCredentials,
      workingDirectory,
      localRoots,
    });

  it('clones, reads, runs and lists what the working tree changed', async () => {
    const checkouts = service();
    const checkout = await checkouts.clone({ repositoryUrl });

    expect(checkout.source).toEqual({ type: 'clone', location: repositoryUrl });
    expect(await checkout.readFile('README.md')).toBe('# Shop\n');
    expect(await checkout.readFile('missing.md')).toBeUndefined();
    expect(
      (await checkout.run('git', ['rev-parse', '--abbrev-ref', 'HEAD'])).stdout,
    ).toBe('main\n');

    await fs.writeFile(join(checkout.dir, 'README.md'), '# Shop!\n');
    await fs.rm(join(checkout.dir, 'old.txt'));
    await fs.writeFile(join(checkout.dir, 'run.sh'), 'echo hi\n', {
      mode: 0o755,
    });
    await fs.mkdir(join(checkout.dir, 'node_modules'));
    await fs.writeFile(join(checkout.dir, 'node_modules', 'x.js'), '1\n');
    await checkout.exclude('node_modules');
    const { files, diff } = await checkout.changes();

    expect(files).toEqual({
      'README.md': { content: '# Shop!\n', executable: false },
      'old.txt': { delete: true },
      'run.sh': { content: 'echo hi\n', executable: true },
    });
    expect(diff).toContain('+# Shop!');

    await checkout.close();
    expect(await fs.readdir(checkouts.directory)).toEqual([]);
  });

  it("clones the branch's whole history and its tags with depth 'full'", async () => {
    const bare = join(root, 'shop.git');
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: bare,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Test',
          GIT_AUTHOR_EMAIL: 'test@example.com',
          GIT_COMMITTER_NAME: 'Test',
          GIT_COMMITTER_EMAIL: 'test@example.com',
        },
      }).trim();
    const first = git('rev-parse', 'main');
    git('tag', 'v1.0.0', first);
    const tree = git('rev-parse', 'main^{tree}');
    const second = git('commit-tree', tree, '-p', first, '-m', 'fix: again');
    git('update-ref', 'refs/heads/main', second);

    const checkouts = service();
    const shallow = await checkouts.clone({ repositoryUrl, depth: 1 });
    const full = await checkouts.clone({ repositoryUrl, depth: 'full' });
    const log = async (checkout: typeof full) =>
      (await checkout.run('git', ['log', '--format=%s'])).stdout;
    const tags = async (checkout: typeof full) =>
      (await checkout.run('git', ['tag', '--list'])).stdout;

    expect(await log(shallow)).toBe('fix: again\n');
    expect(await tags(shallow)).toBe('');
    expect(await log(full)).toBe('fix: again\nfeat: shop\n');
    expect(await tags(full)).toBe('v1.0.0\n');
    await shallow.close();
    await full.close();
  });

  // The repository, or a tool it runs, controls the working tree's symlinks:
  // neither a read nor a pull request may carry the content of a host file.
  it('never reads or publishes a symlink that leads outside the checkout', async () => {
    const secret = join(root, 'secret.env');
    await fs.writeFile(secret, 'GITHUB_TOKEN=ghp_backend_secret\n');
    const checkout = await service().clone({ repositoryUrl });
    await fs.symlink(secret, join(checkout.dir, 'AGENTS.md'));
    await fs.symlink('/proc/self/environ', join(checkout.dir, '.editorconfig'));

    await expect(checkout.readFile('AGENTS.md')).rejects.toThrow(
      /AGENTS\.md of the checkout was not read: AGENTS\.md leads outside the checkout/,
    );
    await expect(checkout.readFile('../secret.env')).rejects.toThrow(
      /not read/,
    );
    await expect(checkout.changes()).rejects.toThrow(
      /leads outside the checkout/,
    );
    await checkout.close();
  });

  it('removes the folder of a clone that failed', async () => {
    const checkouts = service();
    await expect(
      checkouts.clone({ repositoryUrl: `file://${join(root, 'missing')}` }),
    ).rejects.toThrow(/git clone of .*missing\.git failed/);
    expect(await fs.readdir(checkouts.directory)).toEqual([]);
  });

  it('reads a component from a local folder in place and leaves it there', async () => {
    const local = join(root, 'source');
    const shop = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'shop',
        annotations: { 'catalyst.dev/specs-location': `file:${local}` },
      },
    };
    // The annotation is the entity author's: read only under a local root.
    await expect(service().openComponent(shop)).rejects.toThrow(
      /outside the folders listed in platform.specs.localRoots/,
    );
    const checkout = await service([root]).openComponent(shop);

    expect(checkout.dir).toBe(local);
    expect(checkout.source).toEqual({ type: 'directory', location: local });
    await checkout.close();
    expect(await fs.readFile(join(local, 'README.md'), 'utf8')).toBe(
      '# Shop\n',
    );
  });

  it('removes the leftovers of stopped backends at start, not those of running ones', async () => {
    const checkoutsRoot = join(workingDirectory, CHECKOUTS_FOLDER);
    const stopped = spawn(process.execPath, ['-e', '']);
    await new Promise(resolve => stopped.on('exit', resolve));
    await fs.mkdir(join(checkoutsRoot, `${stopped.pid}-dead`, 'repo-1'), {
      recursive: true,
    });
    await fs.mkdir(join(checkoutsRoot, `${process.pid}-alive`, 'repo-2'), {
      recursive: true,
    });

    const checkouts = service();
    expect(await checkouts.removeLeftovers()).toEqual([`${stopped.pid}-dead`]);
    expect(await fs.readdir(checkoutsRoot)).toEqual([`${process.pid}-alive`]);

    const open = await checkouts.clone({ repositoryUrl });
    await checkouts.dispose();
    await expect(fs.stat(open.dir)).rejects.toThrow(/ENOENT/);
  });
});
