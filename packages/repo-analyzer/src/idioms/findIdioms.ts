import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { spread } from '../checkout/spread';
import { IdiomFact } from '../types';

/** Most files read by one idiom scan, spread across the candidates. */
const MAX_SCANNED = 600;

/** The folder that holds most of `files`, as the common parent of the top few. */
function mainFolder(files: string[]): { dir: string; count: number } {
  const counts = new Map<string, number>();
  for (const file of files) {
    // Group by the folder two levels under the commands root (`internal/cmd`, `pkg/cmd`).
    const parts = posix.dirname(file).split('/');
    const at = parts.findIndex(p => /^(cmd|commands?)$/.test(p));
    const dir = parts.slice(0, at >= 0 ? at + 1 : parts.length).join('/');
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  const [dir, count] = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0];
  return { dir, count };
}

/** Where a Go CLI's cobra commands live and how each is built. */
function cobraCommands(checkout: Checkout): IdiomFact | undefined {
  if (!checkout.has('go.mod')) return undefined;
  const goMod = checkout.readText('go.mod') ?? '';
  if (!goMod.includes('github.com/spf13/cobra')) return undefined;
  const candidates = checkout.files
    .map(f => f.path)
    .filter(
      p =>
        p.endsWith('.go') &&
        !p.endsWith('_test.go') &&
        /(^|\/)(cmd|commands?)\//.test(p),
    );
  const withCommand = spread(candidates, MAX_SCANNED).filter(p =>
    /&cobra\.Command\{/.test(checkout.readHead(p, 16384) ?? ''),
  );
  if (withCommand.length < 3) return undefined;
  const { dir, count } = mainFolder(withCommand);
  if (count < withCommand.length * 0.6) return undefined;
  // A recurring constructor (`func NewCmdX(f *cmdutil.Factory, ...) *cobra.Command`).
  const constructors: { name: string; params: string }[] = [];
  for (const file of withCommand) {
    const head = checkout.readHead(file, 16384) ?? '';
    const match = /^func\s+(New\w+)\((.*)\)\s*\*cobra\.Command\s*\{/m.exec(
      head,
    );
    if (match)
      constructors.push({
        name: match[1],
        params: match[2].replace(/\s+/g, ' ').trim(),
      });
  }
  const byParams = new Map<string, string[]>();
  for (const c of constructors)
    byParams.set(c.params, [...(byParams.get(c.params) ?? []), c.name]);
  const [params, names] = [...byParams.entries()].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  )[0] ?? ['', []];
  let prefix = names[0] ?? '';
  for (const name of names)
    while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const constructor =
    names.length >= Math.max(3, withCommand.length * 0.3) && prefix.length >= 3
      ? `func ${prefix}X(${params}) *cobra.Command`
      : undefined;
  return {
    topic: 'CLI commands',
    text: `each command is a \`cobra.Command\` in \`${dir}/\` (${count} of ${
      withCommand.length
    } files that define one)${
      constructor ? `, built by a constructor \`${constructor}\`` : ''
    }; add a new command there the same way.`,
    source: { file: withCommand[0] },
  };
}

/** A TypeScript error class the code throws everywhere (`AppError`). */
function errorClass(checkout: Checkout): IdiomFact | undefined {
  const sources = checkout.files
    .map(f => f.path)
    .filter(
      p =>
        /\.(ts|tsx)$/.test(p) &&
        !/\.(test|spec|d)\.tsx?$/.test(p) &&
        !p.includes('__tests__/'),
    );
  if (sources.length < 50) return undefined;
  const definitions = sources
    .filter(p => /(^|\/)[\w.-]*errors?[\w.-]*\.ts$/i.test(p))
    .slice(0, 50);
  const classes = definitions.flatMap(file =>
    [
      ...(checkout.readHead(file, 32768) ?? '').matchAll(
        /export class (\w+) extends Error\b/g,
      ),
    ].map(match => ({ name: match[1], file })),
  );
  // Only when the project defines an error class is the code sampled for its uses.
  if (classes.length === 0) return undefined;
  const sample = spread(sources, MAX_SCANNED * 2).map(
    p => checkout.readHead(p, 8192) ?? '',
  );
  let best: { name: string; file: string; uses: number } | undefined;
  for (const { name, file } of classes) {
    const pattern = new RegExp(`\\b${name}\\b`);
    const uses = sample.filter(text => pattern.test(text)).length;
    if (!best || uses > best.uses) best = { name, file, uses };
  }
  if (!best || best.uses < Math.max(10, sample.length * 0.03)) return undefined;
  return {
    topic: 'Errors',
    text: `throw the project's \`${best.name}\` (\`${best.file}\`), used across the code, rather than a bare \`Error\`.`,
    source: checkout.sourceOf(best.file, `class ${best.name}`),
  };
}

/** Files that come with a `<name>.types.ts` sibling, in the folder where most of them live. */
function typesSiblings(checkout: Checkout): IdiomFact | undefined {
  const paths = new Set(checkout.files.map(f => f.path));
  const pairs = checkout.files
    .map(f => f.path)
    .filter(p => p.endsWith('.types.ts'))
    .filter(p => paths.has(p.replace(/\.types\.ts$/, '.ts')));
  if (pairs.length < 10) return undefined;
  const parents = new Map<string, number>();
  for (const pair of pairs) {
    const parent = posix.dirname(posix.dirname(pair));
    parents.set(parent, (parents.get(parent) ?? 0) + 1);
  }
  const [dir, count] = [...parents.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0];
  if (count < pairs.length * 0.5) return undefined;
  const example = pairs.find(p => p.startsWith(`${dir}/`))!;
  return {
    topic: 'Modules',
    text: `in \`${dir}/\`, each module is one file with its input and output types in a sibling \`*.types.ts\` (\`${example.replace(
      /\.types\.ts$/,
      '.ts',
    )}\` and \`${example}\`, ${count} pairs).`,
    source: { file: example },
  };
}

/**
 * Hardening that every workflow repeats: actions pinned to a commit SHA,
 * checkouts without persisted credentials, least-privilege `permissions:`,
 * and a workflow linter (zizmor, actionlint) that checks it.
 */
function ciHardening(checkout: Checkout): IdiomFact | undefined {
  const workflows = checkout
    .filesIn('.github/workflows')
    .map(f => f.path)
    .filter(p => /\.ya?ml$/.test(p))
    .sort();
  if (workflows.length < 3) return undefined;
  let uses = 0;
  let pinned = 0;
  let checkouts = 0;
  let noCredentials = 0;
  let withPermissions = 0;
  let linter: string | undefined;
  for (const file of workflows) {
    const text = checkout.readText(file) ?? '';
    for (const match of text.matchAll(
      /^\s*(?:-\s*)?uses:\s*["']?([^\s"'#]+)/gm,
    )) {
      const ref = match[1];
      if (
        ref.startsWith('./') ||
        ref.startsWith('docker://') ||
        !ref.includes('@')
      )
        continue;
      uses++;
      if (/@[0-9a-f]{40}$/.test(ref)) pinned++;
      if (/^actions\/checkout@/.test(ref)) checkouts++;
    }
    noCredentials += (text.match(/persist-credentials:\s*false/g) ?? []).length;
    if (/^permissions:/m.test(text)) withPermissions++;
    if (!linter && /zizmor/.test(text)) linter = 'zizmor';
    if (!linter && /actionlint/.test(text)) linter = 'actionlint';
  }
  const rules: string[] = [];
  if (uses >= 5 && pinned >= uses * 0.9)
    rules.push(
      'pin every action to a full commit SHA (`uses: owner/action@<sha> # vX`)',
    );
  if (checkouts >= 3 && noCredentials >= checkouts * 0.9)
    rules.push('check out with `persist-credentials: false`');
  if (withPermissions >= workflows.length * 0.9)
    rules.push('declare least-privilege `permissions:` in each workflow');
  if (rules.length === 0) return undefined;
  return {
    topic: 'CI workflows',
    text: `every workflow in \`.github/workflows/\` does it, so a new one must too: ${rules.join(
      '; ',
    )}${linter ? `; ${linter} audits them` : ''}.`,
    source: { file: workflows[0] },
  };
}

/**
 * Code idioms that the files themselves show: where CLI commands live and
 * the constructor they share, the error class the code throws, modules
 * paired with a types file. Each needs a clear majority, else it is left
 * out. Reads at most a few hundred file heads per idiom.
 */
export function findIdioms(checkout: Checkout): IdiomFact[] {
  return [
    cobraCommands(checkout),
    errorClass(checkout),
    typesSiblings(checkout),
    ciHardening(checkout),
  ].filter((f): f is IdiomFact => Boolean(f));
}
