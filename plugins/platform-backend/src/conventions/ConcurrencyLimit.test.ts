import { ServiceUnavailableError } from '@backstage/errors';
import { ConcurrencyLimit } from './ConcurrencyLimit';

describe('ConcurrencyLimit', () => {
  it('runs at most max jobs at once, queues a bounded number and refuses the rest', async () => {
    const limit = new ConcurrencyLimit(2, 1);
    let running = 0;
    let highest = 0;
    const releases: Array<() => void> = [];
    const job = () =>
      limit.run(async () => {
        running += 1;
        highest = Math.max(highest, running);
        await new Promise<void>(resolve => releases.push(resolve));
        running -= 1;
        return 'checked';
      });
    const jobs = [job(), job(), job()];
    await expect(job()).rejects.toThrow(ServiceUnavailableError);
    await new Promise(resolve => setImmediate(resolve));
    expect(releases).toHaveLength(2);
    releases.shift()!();
    await new Promise(resolve => setImmediate(resolve));
    expect(releases).toHaveLength(2);
    releases.splice(0).forEach(release => release());
    expect(await Promise.all(jobs)).toEqual(['checked', 'checked', 'checked']);
    expect(highest).toBe(2);
  });
});
