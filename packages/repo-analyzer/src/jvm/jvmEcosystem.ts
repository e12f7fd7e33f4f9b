import { Checkout } from '../checkout/Checkout';
import { EcosystemFacts, emptyEcosystemFacts } from '../EcosystemFacts';
import { KNOWN_LIBRARIES } from '../stack/knownLibraries';
import { summarizeTestFiles } from '../testing/summarizeTestFiles';
import { CommandFact, FactSource } from '../types';

/** Maven and Gradle builds (through their wrappers when committed) and JUnit tests. */
export function jvmEcosystem(
  checkout: Checkout,
  allFiles: ReadonlySet<string>,
): EcosystemFacts {
  const facts = emptyEcosystemFacts();
  const gradleFile = checkout.first(
    'build.gradle.kts',
    'build.gradle',
    'settings.gradle.kts',
    'settings.gradle',
  );
  const pom = checkout.first('pom.xml');
  if (!gradleFile && !pom) return facts;
  const command = (
    kind: CommandFact['kind'],
    line: string,
    source: FactSource,
  ): CommandFact => ({
    kind,
    command: line,
    origin: 'derived',
    directory: '',
    source,
  });
  const testFiles = checkout.files
    .map(f => f.path)
    .filter(p =>
      /src\/test\/.*(Test|Tests|IT|Spec)\.(java|kt|groovy|scala)$/.test(p),
    );
  const summary = summarizeTestFiles(testFiles, allFiles);
  const buildText = checkout.readText(gradleFile ?? pom!) ?? '';
  for (const [id, known] of Object.entries(KNOWN_LIBRARIES.jvm)) {
    if (buildText.includes(id))
      facts.stack.push({
        name: known.name,
        role: known.role,
        ecosystem: 'jvm',
        source: checkout.sourceOf(gradleFile ?? pom!, id),
      });
  }
  if (gradleFile) {
    const gradle = checkout.has('gradlew') ? './gradlew' : 'gradle';
    const source = { file: gradleFile };
    facts.packageManagers.push({
      name: 'gradle',
      ecosystem: 'jvm',
      directory: '',
      source,
    });
    facts.commands.push(command('build', `${gradle} build`, source));
    facts.commands.push(command('test', `${gradle} test`, source));
    facts.commands.push(
      command(
        'test-single',
        `${gradle} test --tests 'com.example.ThingTest.methodName'`,
        { ...source, note: 'Gradle test filter' },
      ),
    );
  } else if (pom) {
    const maven = checkout.has('mvnw') ? './mvnw' : 'mvn';
    const source = { file: pom };
    facts.packageManagers.push({
      name: 'maven',
      ecosystem: 'jvm',
      directory: '',
      source,
    });
    facts.commands.push(command('build', `${maven} package`, source));
    facts.commands.push(command('test', `${maven} test`, source));
    facts.commands.push(
      command('test-single', `${maven} test -Dtest='ThingTest#methodName'`, {
        ...source,
        note: 'Surefire test filter',
      }),
    );
  }
  if (testFiles.length > 0) {
    facts.testFrameworks.push({
      name: 'junit',
      ecosystem: 'jvm',
      directory: '',
      e2e: false,
      ...summary,
      helpers: [],
      source: { file: testFiles[0] },
    });
  }
  return facts;
}
