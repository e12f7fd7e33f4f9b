import { Ecosystem, RepoFacts } from '../types';

const LANGUAGE_ECOSYSTEM: Record<string, Ecosystem> = {
  TypeScript: 'node',
  JavaScript: 'node',
  Vue: 'node',
  Svelte: 'node',
  Astro: 'node',
  Ruby: 'ruby',
  ERB: 'ruby',
  Go: 'go',
  Python: 'python',
  Rust: 'rust',
  Java: 'jvm',
  Kotlin: 'jvm',
  Scala: 'jvm',
  Groovy: 'jvm',
};

/** The ecosystem a command belongs to, by the tool it starts with. */
export function commandEcosystem(command: string): Ecosystem | undefined {
  const line = command.replace(/^cd \S+ && /, '');
  if (/^(npm|npx|pnpm|yarn|bun|bunx|node)\b/.test(line)) return 'node';
  if (/^(go|gofmt|golangci-lint)\b/.test(line)) return 'go';
  if (
    /^(bundle|bin\/rails|bin\/rspec|bin\/rubocop|bin\/rake|rake|bin\/brakeman)\b/.test(
      line,
    )
  )
    return 'ruby';
  if (
    /^(uv|poetry|pdm|pipenv|pip|pytest|python|ruff|mypy|pyright|black|tox|nox|flake8)\b/.test(
      line,
    )
  )
    return 'python';
  if (/^cargo\b/.test(line)) return 'rust';
  if (/^(mvn|gradle|\.\/gradlew|\.\/mvnw)\b/.test(line)) return 'jvm';
  return undefined;
}

/**
 * The repository's main ecosystem: of those with a manifest, the one whose
 * languages hold the most bytes. A Rails app with some JavaScript is Ruby.
 */
export function primaryEcosystem(facts: RepoFacts): Ecosystem | undefined {
  const present = new Set(
    facts.packageManagers.filter(p => p.directory === '').map(p => p.ecosystem),
  );
  if (present.size === 0)
    facts.packageManagers.forEach(p => present.add(p.ecosystem));
  const bytes = new Map<Ecosystem, number>();
  for (const language of facts.languages) {
    const ecosystem = LANGUAGE_ECOSYSTEM[language.name];
    if (ecosystem && present.has(ecosystem))
      bytes.set(ecosystem, (bytes.get(ecosystem) ?? 0) + language.bytes);
  }
  const ranked = [...bytes.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  return ranked[0]?.[0] ?? [...present].sort()[0];
}
