import { Checkout } from '../checkout/Checkout';
import { CommandFact } from '../types';
import { ciLineKind } from './ciCommands';

/** Environment assignments that lead a step's command (`SAAS=false BUNDLE_GEMFILE=Gemfile bin/rails test`). */
const LEADING_ENV = /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)+/;

/**
 * The steps of Rails' local CI (`config/ci.rb`, run by `bin/ci`):
 * `step "Security: Brakeman", "bin/brakeman --quiet"`. Each is a command CI
 * runs, with the step's title as its description. Interpolated commands
 * (`"#{ENV} bin/rails test"`) are read without their interpolation.
 */
export function railsCiSteps(checkout: Checkout): CommandFact[] {
  const file = 'config/ci.rb';
  const text = checkout.has(file) ? checkout.readText(file) : undefined;
  if (!text || !checkout.has('bin/ci')) return [];
  const facts: CommandFact[] = [];
  text.split('\n').forEach((line, index) => {
    const step = /^\s*step\s*\(?\s*"([^"]+)"\s*,\s*"([^"]+)"/.exec(line);
    if (!step) return;
    const command = step[2]
      .replace(/#\{[^}]*\}\s*/g, '')
      .replace(LEADING_ENV, '')
      .trim();
    if (!command || facts.some(f => f.command === command)) return;
    const kind = ciLineKind(command) ?? 'other';
    if (kind === 'install' || kind === 'setup') return;
    facts.push({
      kind,
      command,
      origin: 'ci',
      description: step[1],
      directory: '',
      runInCi: true,
      source: { file, line: index + 1 },
    });
  });
  return facts;
}
