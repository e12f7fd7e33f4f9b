import { Checkout } from '../checkout/Checkout';
import { CommandFact } from '../types';
import { kindFromBody } from './classifyCommand';

/** Commands a contributing guide names start with a project tool. */
const TOOL =
  /^(cargo|make|just|task|npm|npx|pnpm|yarn|bun|uv|uvx|bundle|bin\/|\.\/|go|pytest|tox|nox|poetry|docker compose|mise|rake|rails)\b/;
/** Lines that install a tool or say where to find one are not project commands. */
const NOT_A_COMMAND =
  /\b(install|add|init|clone|login)\b|[<>|]|\$\{|https?:|\.\.\.$/;

/**
 * The commands a contributing guide tells contributors to run (`cargo dev
 * generate-all`, `cargo xwin clippy ...`), from its inline code and code
 * blocks: project policy that lives in prose. Tool installs, placeholders
 * and pipes are left out; at most `limit` commands, in the guide's order.
 */
export function contributingCommands(
  checkout: Checkout,
  file: string | undefined,
  limit = 8,
): CommandFact[] {
  const text = file ? checkout.readText(file) : undefined;
  if (!file || !text) return [];
  const found: CommandFact[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  let inFence = false;
  lines.forEach((line, index) => {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      return;
    }
    const candidates = inFence
      ? [line.trim().replace(/^\$\s+/, '')]
      : [...line.matchAll(/`([^`]+)`/g)].map(m => m[1].trim());
    for (const candidate of candidates) {
      // A trailing shell comment explains, it does not run.
      const command = candidate.replace(/\s+#.*$/, '').replace(/\s+/g, ' ');
      if (
        found.length >= limit ||
        seen.has(command) ||
        command.length > 100 ||
        command.split(' ').length < 2 ||
        !TOOL.test(command) ||
        NOT_A_COMMAND.test(command)
      )
        continue;
      seen.add(command);
      found.push({
        kind: kindFromBody(command) ?? 'other',
        command,
        origin: 'derived',
        description: `from \`${file}\``,
        directory: '',
        source: { file, line: index + 1 },
      });
    }
  });
  return found.map(c => ({ ...c, kind: 'other' as const }));
}
