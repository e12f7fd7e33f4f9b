import { analyzeRepository } from '../analyzeRepository';
import { FixtureRepo } from '../__testUtils__/FixtureRepo';

describe('readHistory', () => {
  it('leaves Catalyst’s own maintenance commits out of the commit conventions', async () => {
    const repo = FixtureRepo.create('catalyst-commits').init();
    try {
      for (let i = 0; i < 10; i++) {
        repo.commit(`Update things ${i}`, `file-${i}.txt`);
      }
      const before = (await analyzeRepository(repo.root)).history;
      repo
        .commit('chore(agents-md): refresh AGENTS.md', 'AGENTS.md')
        .commit(
          'chore(conventions): apply the platform standard',
          '.editorconfig',
        );
      const after = (await analyzeRepository(repo.root)).history;

      expect(after).toMatchObject({
        commitsAnalysed: before.commitsAnalysed,
        conventionalCommits: before.conventionalCommits,
      });
      expect(after.conventionalCommits).toBe(0);
    } finally {
      repo.remove();
    }
  });
});
