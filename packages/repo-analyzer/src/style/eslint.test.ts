import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { analyzeRepository } from '../analyzeRepository';
import { generateAgentsMd } from '../agentsMd/generateAgentsMd';

describe('ESLint restrictions', () => {
  let repo: FixtureRepo;
  afterEach(() => repo.remove());

  it('states a no-restricted-* rule by its own message', async () => {
    repo = FixtureRepo.create('eslint-restricted')
      .writeJson('package.json', {
        name: 'web',
        scripts: { lint: 'eslint .' },
        devDependencies: { eslint: '^9.0.0' },
      })
      .write(
        'eslint.config.mjs',
        [
          'export default [',
          '  {',
          '    rules: {',
          "      'no-restricted-syntax': ['error', {",
          "        selector: \"MemberExpression[object.name='process'][property.name='env']\",",
          "        message: 'Read environment variables through src/env.ts only.',",
          '      }],',
          '    },',
          '  },',
          '];',
          '',
        ].join('\n'),
      )
      .init()
      .commit('initial');
    const facts = await analyzeRepository(repo.root);
    const eslint = facts.styleTools.find(t => t.name === 'eslint');
    expect(eslint?.rules).toEqual([
      expect.objectContaining({
        name: 'no-restricted-syntax',
        meaning:
          'forbidden (`no-restricted-syntax`): "Read environment variables through src/env.ts only."',
        source: { file: 'eslint.config.mjs', line: 4 },
      }),
    ]);
    expect(generateAgentsMd(facts).content).toContain(
      '"Read environment variables through src/env.ts only."',
    );
  });
});
