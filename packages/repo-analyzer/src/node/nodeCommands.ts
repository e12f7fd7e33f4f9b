import { Checkout } from '../checkout/Checkout';
import {
  classifyCommand,
  kindFromName,
  refineKind,
} from '../commands/classifyCommand';
import { CommandFact, CommandKind } from '../types';
import { NodePackage, NodeProject } from './nodeProjects';
import {
  installCommand,
  runScriptCommand,
  runWorkspaceScriptCommand,
} from './runScript';

/** Lifecycle hooks and variants that are not commands a contributor runs. */
const SKIPPED_SCRIPT =
  /^(pre|post)(install|pack|publish|version|prepare)|^prepare$|^prepublishOnly$|^(pre|post)[a-z]/;
const VARIANT =
  /(^|[:-])(watch|debug|coverage|cov|report|ui|open|update|clean|snapshot|headed|inspect|profile|preview)([:-]|$)/;

/** Kinds worth listing per workspace package. */
const PACKAGE_KINDS = new Set<CommandKind>([
  'test',
  'e2e',
  'lint',
  'build',
  'dev',
  'typecheck',
  'migrate',
  'generate',
]);

function scriptFacts(
  checkout: Checkout,
  project: NodeProject,
  pkg: NodePackage,
  isRoot: boolean,
): CommandFact[] {
  const manager = project.packageManager.name;
  const cd = isRoot && pkg.dir ? `cd ${pkg.dir} && ` : '';
  const facts: CommandFact[] = [];
  for (const [name, body] of Object.entries(pkg.scripts).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (
      SKIPPED_SCRIPT.test(name) &&
      pkg.scripts[name.replace(/^(pre|post)/, '')] !== undefined
    )
      continue;
    if (/^(prepare|prepublishOnly|postinstall|preinstall|install)$/.test(name))
      continue;
    if (VARIANT.test(name) && !kindFromName(name)) continue;
    let kind = classifyCommand(name, body);
    // `start` serves a production build in Next.js and friends; it is a dev server elsewhere.
    if (name === 'start') {
      kind =
        /\bnext start\b|\bnode (dist|build)\b|\bnuxt start\b|\bremix-serve\b/.test(
          body,
        ) || pkg.scripts.dev
          ? undefined
          : 'dev';
    }
    // A production `start` is left out, not listed as another command.
    if (name === 'start' && !kind) continue;
    if (!isRoot && (!kind || !PACKAGE_KINDS.has(kind))) continue;
    kind = refineKind(kind, name, body);
    facts.push({
      kind,
      command: isRoot
        ? `${cd}${runScriptCommand(manager, name)}`
        : runWorkspaceScriptCommand(manager, pkg, name),
      origin: 'package-script',
      name,
      runs: body,
      directory: pkg.dir,
      source: checkout.sourceOf(
        pkg.file,
        new RegExp(
          `^\\s*"${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`,
        ),
        /"scripts"\s*:/,
      ),
    });
  }
  return facts;
}

/** Install and script commands of every Node project and workspace package. */
export function nodeCommands(
  checkout: Checkout,
  projects: NodeProject[],
): CommandFact[] {
  const facts: CommandFact[] = [];
  for (const project of projects) {
    const dir = project.root.dir;
    facts.push({
      kind: 'install',
      command: `${dir ? `cd ${dir} && ` : ''}${installCommand(
        project.packageManager.name,
      )}`,
      origin: 'derived',
      directory: dir,
      source: project.packageManager.source,
    });
    facts.push(...scriptFacts(checkout, project, project.root, true));
    for (const pkg of project.workspaces)
      facts.push(...scriptFacts(checkout, project, pkg, false));
  }
  return facts;
}
