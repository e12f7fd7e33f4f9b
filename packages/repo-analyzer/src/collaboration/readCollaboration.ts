import { Checkout } from '../checkout/Checkout';
import { asRecord, asStrings } from '../checkout/asRecord';
import { CollaborationFacts, PullRequestTemplateFact } from '../types';

const PR_TEMPLATES = [
  '.github/pull_request_template.md',
  '.github/PULL_REQUEST_TEMPLATE.md',
  'pull_request_template.md',
  'PULL_REQUEST_TEMPLATE.md',
  'docs/pull_request_template.md',
  'docs/PULL_REQUEST_TEMPLATE.md',
  '.gitlab/merge_request_templates/Default.md',
];

function readPullRequestTemplate(
  checkout: Checkout,
): PullRequestTemplateFact | undefined {
  const file =
    checkout.first(...PR_TEMPLATES) ??
    checkout
      .filesIn('.github/PULL_REQUEST_TEMPLATE')
      .map(f => f.path)
      .find(p => p.endsWith('.md'));
  const text = file ? checkout.readText(file) : undefined;
  if (!file || text === undefined) return undefined;
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, match =>
    match.replace(/[^\n]/g, ''),
  );
  const headings: string[] = [];
  const checklist: string[] = [];
  for (const line of withoutComments.split('\n')) {
    const heading = /^#{1,4}\s+(.+?)\s*#*$/.exec(line);
    if (heading) headings.push(heading[1].replace(/[*_`]/g, '').trim());
    const item = /^\s*[-*]\s+\[[ xX]\]\s+(.+)$/.exec(line);
    if (item) checklist.push(item[1].trim());
  }
  return { file, headings, checklist, source: { file } };
}

/** Commands a hook file runs, one per line, without shell boilerplate. */
function hookCommands(text: string): string[] {
  return text
    .split('\n')
    .map(l => l.trim())
    .filter(
      l =>
        l &&
        !l.startsWith('#') &&
        !/^(\.|source)\s|husky\.sh|^set\s|^exit\b/.test(l),
    );
}

/**
 * How work is reviewed and committed: PR template (headings and checklist),
 * CODEOWNERS, CONTRIBUTING, changesets, commit hooks, commitlint.
 */
export function readCollaboration(checkout: Checkout): CollaborationFacts {
  const facts: CollaborationFacts = { commitHooks: [], releases: [] };
  facts.pullRequestTemplate = readPullRequestTemplate(checkout);
  const codeowners = checkout.first(
    '.github/CODEOWNERS',
    'CODEOWNERS',
    'docs/CODEOWNERS',
    '.gitlab/CODEOWNERS',
  );
  if (codeowners) {
    const rules = (checkout.readText(codeowners) ?? '')
      .split('\n')
      .filter(l => l.trim() && !l.trim().startsWith('#')).length;
    facts.codeowners = {
      file: codeowners,
      rules,
      source: { file: codeowners },
    };
  }
  const contributing = checkout.first(
    'CONTRIBUTING.md',
    '.github/CONTRIBUTING.md',
    'docs/CONTRIBUTING.md',
    'CONTRIBUTING.rst',
    'CONTRIBUTING',
  );
  if (contributing)
    facts.contributing = { file: contributing, source: { file: contributing } };
  if (checkout.has('.changeset/config.json'))
    facts.changesets = {
      directory: '.changeset',
      source: { file: '.changeset/config.json' },
    };

  for (const file of checkout.filesIn('.husky').map(f => f.path)) {
    const hook = file.slice('.husky/'.length);
    if (!/^(pre-commit|commit-msg|pre-push)$/.test(hook)) continue;
    facts.commitHooks.push({
      tool: `husky ${hook}`,
      runs: hookCommands(checkout.readText(file) ?? ''),
      source: { file },
    });
  }
  const lefthook = checkout.first(
    'lefthook.yml',
    'lefthook.yaml',
    '.lefthook.yml',
  );
  if (lefthook) {
    const config = asRecord(checkout.readYaml(lefthook)) ?? {};
    for (const hook of ['pre-commit', 'commit-msg', 'pre-push']) {
      const commands = asRecord(asRecord(config[hook])?.commands) ?? {};
      const runs = Object.values(commands)
        .map(c => String(asRecord(c)?.run ?? ''))
        .filter(Boolean);
      if (runs.length > 0)
        facts.commitHooks.push({
          tool: `lefthook ${hook}`,
          runs,
          source: checkout.sourceOf(lefthook, `${hook}:`),
        });
    }
  }
  if (checkout.has('.pre-commit-config.yaml')) {
    const config = asRecord(checkout.readYaml('.pre-commit-config.yaml')) ?? {};
    const ids = (Array.isArray(config.repos) ? config.repos : []).flatMap(r =>
      (Array.isArray(asRecord(r)?.hooks)
        ? (asRecord(r)!.hooks as unknown[])
        : []
      ).map(h => String(asRecord(h)?.id ?? '')),
    );
    facts.commitHooks.push({
      tool: 'pre-commit',
      runs: ids.filter(Boolean),
      source: { file: '.pre-commit-config.yaml' },
    });
  }
  const pkg = checkout.has('package.json')
    ? asRecord(checkout.readJson('package.json'))
    : undefined;
  const lintStaged = asRecord(pkg?.['lint-staged']);
  if (lintStaged) {
    const runs = Object.entries(lintStaged).flatMap(([glob, value]) =>
      (typeof value === 'string' ? [value] : asStrings(value)).map(
        c => `${c} (${glob})`,
      ),
    );
    facts.commitHooks.push({
      tool: 'lint-staged',
      runs,
      source: checkout.sourceOf('package.json', '"lint-staged"'),
    });
  }
  const commitlint = checkout.files
    .map(f => f.path)
    .find(p => /^(\.commitlintrc(\.\w+)?|commitlint\.config\.\w+)$/.test(p));
  if (commitlint)
    facts.commitlint = { config: commitlint, source: { file: commitlint } };
  else if (pkg?.commitlint)
    facts.commitlint = {
      config: 'package.json',
      source: checkout.sourceOf('package.json', '"commitlint"'),
    };
  const goreleaser = checkout.files
    .map(f => f.path)
    .find(p => /^\.?goreleaser\.ya?ml$/.test(p));
  if (goreleaser)
    facts.releases.push({
      name: 'goreleaser',
      config: goreleaser,
      source: { file: goreleaser },
    });
  const releasePlease = checkout.first(
    'release-please-config.json',
    '.release-please-manifest.json',
  );
  if (releasePlease)
    facts.releases.push({
      name: 'release-please',
      config: releasePlease,
      source: { file: releasePlease },
    });
  const semanticRelease = checkout.files
    .map(f => f.path)
    .find(p => /^(\.releaserc(\.\w+)?|release\.config\.\w+)$/.test(p));
  if (semanticRelease)
    facts.releases.push({
      name: 'semantic-release',
      config: semanticRelease,
      source: { file: semanticRelease },
    });
  else if (pkg?.release)
    facts.releases.push({
      name: 'semantic-release',
      config: 'package.json',
      source: checkout.sourceOf('package.json', '"release"'),
    });
  if (facts.changesets)
    facts.releases.push({
      name: 'changesets',
      config: '.changeset/config.json',
      source: facts.changesets.source,
    });
  return facts;
}
