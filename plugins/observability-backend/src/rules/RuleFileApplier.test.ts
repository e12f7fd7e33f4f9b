import { Entity } from '@backstage/catalog-model';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createServerDirectory,
  observabilityBinaries,
  startPrometheus,
} from '../__testUtils__/observabilityServers';
import { PrometheusClient } from '../clients/PrometheusClient';
import { ruleFileName, RuleFileApplier } from './RuleFileApplier';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};
const entityRef = 'component:default/payments-api';

const ruleFile = (replica: string, round: number) =>
  `groups:\n  - name: catalyst:${entityRef}\n    rules:\n      - record: catalyst:replica_${replica}_round_${round}\n        expr: vector(${round})\n`;

describe('RuleFileApplier against a real Prometheus', () => {
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;

  beforeAll(async () => {
    directory = await createServerDirectory();
    prometheus = await startPrometheus({
      binary: observabilityBinaries().prometheus,
      dir: directory.dir,
      targets: [],
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await directory?.remove();
  });

  it('lets replicas that share the rule directory write the same rule file at once', async () => {
    // Two backend replicas (same pid, as pid 1 in two containers would be) with one rule
    // directory: each write must go through a temporary file of its own.
    const client = new PrometheusClient({
      kind: 'prometheus',
      name: 'main',
      baseUrl: prometheus.url,
      timeoutMs: 10_000,
      headers: {},
      ruleFilesDirectory: prometheus.rulesDir,
    });
    const replicas = { a: new RuleFileApplier(), b: new RuleFileApplier() };
    const written = new Set<string>();
    for (let round = 1; round <= 10; round++) {
      const results = await Promise.allSettled(
        Object.entries(replicas).map(([name, applier]) => {
          const yaml = ruleFile(name, round);
          written.add(yaml);
          return applier.apply({
            prometheus: client,
            entity,
            entityRef,
            groups: [],
            yaml,
            validatedWithPromtool: false,
          });
        }),
      );
      expect(results.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
    }
    const file = join(prometheus.rulesDir, ruleFileName(entityRef));
    expect(written.has(await readFile(file, 'utf8'))).toBe(true);
    expect(await readdir(prometheus.rulesDir)).toEqual([
      ruleFileName(entityRef),
    ]);
  }, 60_000);
});
