import { asRecord, asString } from '../checkout/asRecord';
import { Checkout } from '../checkout/Checkout';
import { KNOWN_LIBRARIES, majorVersion } from '../stack/knownLibraries';
import { StackFact } from '../types';
import { NodeProject } from './nodeProjects';
import { dependencyKey } from './nodeTesting';

/** Frameworks and key libraries the Node projects depend on. */
export function nodeStack(
  checkout: Checkout,
  projects: NodeProject[],
): StackFact[] {
  const facts = new Map<string, StackFact>();
  for (const project of projects) {
    for (const pkg of [project.root, ...project.workspaces]) {
      for (const [dependency, range] of Object.entries(pkg.dependencies).sort(
        ([a], [b]) => a.localeCompare(b),
      )) {
        const known = KNOWN_LIBRARIES.node[dependency];
        if (!known || facts.has(known.name)) continue;
        facts.set(known.name, {
          name: known.name,
          role: known.role,
          ecosystem: 'node',
          version: majorVersion(range),
          source: checkout.sourceOf(pkg.file, dependencyKey(dependency)),
        });
      }
    }
  }
  // backstage.json pins the Backstage release the packages follow.
  const backstage = facts.get('Backstage');
  const release = asString(
    asRecord(
      checkout.has('backstage.json')
        ? checkout.readJson('backstage.json')
        : undefined,
    )?.version,
  );
  if (backstage && release) {
    backstage.version = majorVersion(release, true);
    backstage.source = checkout.sourceOf('backstage.json', '"version"');
  }
  const next = facts.get('Next.js');
  if (next) {
    // The App Router and the Pages Router ask for different code; say which one is used.
    const bases = projects
      .flatMap(p => [p.root, ...p.workspaces])
      .filter(p => 'next' in p.dependencies)
      .map(p => (p.dir ? `${p.dir}/` : ''));
    const routers = bases
      .flatMap(base =>
        ['src/app/', 'app/', 'src/pages/', 'pages/'].map(
          dir => `${base}${dir}`,
        ),
      )
      .filter(dir => checkout.hasDirectory(dir));
    const app = routers.find(d => d.endsWith('app/'));
    const pages = routers.find(d => d.endsWith('pages/'));
    // Server Components are the default in the App Router; files opt out with the directive.
    const clientDirective = app
      ? checkout
          .filesUnder(app.replace(/(src\/)?app\/$/, ''))
          .some(
            f =>
              /\.(tsx|jsx)$/.test(f.path) &&
              /^\s*(\/\/[^\n]*\n\s*)*['"]use client['"]/.test(
                checkout.readHead(f.path, 512) ?? '',
              ),
          )
      : false;
    const parts = [
      app && `App Router in \`${app}\``,
      clientDirective &&
        `Server Components by default, \`'use client'\` marks client components`,
      pages && `Pages Router in \`${pages}\``,
    ].filter(Boolean);
    if (parts.length > 0) next.role = `framework (${parts.join(', ')})`;
  }
  // shadcn/ui copies components into the repository; components.json says where.
  for (const project of projects) {
    const file = project.root.dir
      ? `${project.root.dir}/components.json`
      : 'components.json';
    const config = checkout.has(file)
      ? asRecord(checkout.readJson(file))
      : undefined;
    const aliases = asRecord(config?.aliases);
    if (
      !config ||
      !aliases ||
      (!/shadcn/.test(String(config.$schema ?? '')) && !aliases.ui)
    )
      continue;
    const ui =
      asString(aliases.ui) ??
      (asString(aliases.components) ? `${aliases.components}/ui` : undefined);
    facts.set('shadcn/ui', {
      name: 'shadcn/ui',
      role: `ui components (${ui ? `\`${ui}\`, ` : ''}\`${file}\`)`,
      ecosystem: 'node',
      source: checkout.sourceOf(file, /"ui"\s*:|"aliases"/),
    });
  }
  return [...facts.values()];
}
