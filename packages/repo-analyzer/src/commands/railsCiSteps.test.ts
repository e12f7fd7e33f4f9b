import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { Checkout } from '../checkout/Checkout';
import { railsCiSteps } from './railsCiSteps';

describe('railsCiSteps', () => {
  let repo: FixtureRepo;
  afterEach(() => repo.remove());

  it("reads bin/ci's steps as CI commands with their titles, without env prefixes, interpolation or commented steps", async () => {
    repo = FixtureRepo.create('rails-ci')
      .write('bin/ci', '#!/usr/bin/env ruby\nrequire_relative "../config/ci"\n')
      .write(
        'config/ci.rb',
        [
          'OSS_ENV = "SAAS=false"',
          'CI.run do',
          '  step "Setup", "bin/setup --skip-server"',
          '  step "Style: ERB", "bin/herb analyze"',
          '  step "Security: Importmap audit", "bin/importmap audit"',
          '  step "Tests: Rails", "#{OSS_ENV} bin/rails test"',
          '  step "Tests: System", "PARALLEL_WORKERS=1 bin/rails test:system"',
          '  # step "Signoff", "gh signoff"',
          'end',
          '',
        ].join('\n'),
      )
      .init()
      .commit('initial');
    const steps = railsCiSteps(await Checkout.open(repo.root));
    expect(
      steps.map(s => [s.kind, s.command, s.description, s.source.line]),
    ).toEqual([
      ['other', 'bin/herb analyze', 'Style: ERB', 4],
      ['other', 'bin/importmap audit', 'Security: Importmap audit', 5],
      ['test', 'bin/rails test', 'Tests: Rails', 6],
      ['e2e', 'bin/rails test:system', 'Tests: System', 7],
    ]);
    expect(steps.every(s => s.origin === 'ci' && s.runInCi)).toBe(true);
  });

  it('reads nothing without bin/ci', async () => {
    repo = FixtureRepo.create('rails-no-ci')
      .write(
        'config/ci.rb',
        'CI.run do\n  step "Tests", "bin/rails test"\nend\n',
      )
      .init()
      .commit('initial');
    expect(railsCiSteps(await Checkout.open(repo.root))).toEqual([]);
  });
});
