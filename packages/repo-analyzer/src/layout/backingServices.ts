import { Checkout } from '../checkout/Checkout';
import { asRecord, asString } from '../checkout/asRecord';
import { BackingServiceFact } from '../types';

/** Images of backing services by the last part of their name, and the service's usual name. */
const KNOWN_IMAGES: [RegExp, string][] = [
  [/^(postgres|postgis|pgvector)$/, 'PostgreSQL'],
  [/^mysql(-server)?$/, 'MySQL'],
  [/^mariadb$/, 'MariaDB'],
  [/^redis(-stack)?(-server)?$/, 'Redis'],
  [/^valkey$/, 'Valkey'],
  [/^memcached$/, 'Memcached'],
  [/^opensearch$/, 'OpenSearch'],
  [/^elasticsearch$/, 'Elasticsearch'],
  [/^clickhouse(-server)?$/, 'ClickHouse'],
  [/^minio$/, 'MinIO'],
  [/^mongo(db)?$/, 'MongoDB'],
  [/^rabbitmq$/, 'RabbitMQ'],
  [/^(kafka|cp-kafka)$/, 'Kafka'],
  [/^localstack$/, 'LocalStack'],
  [/^nats$/, 'NATS'],
  [/^meilisearch$/, 'Meilisearch'],
  [/^typesense$/, 'Typesense'],
];

/** Compose files a developer starts: the root's, a dev variant, a dev container's. */
const COMPOSE_FILES =
  /^(|\.devcontainer\/|docker\/(development|dev)\/|dev\/)(docker-)?compose(\.dev|\.development|\.local)?\.ya?ml$/;

/** `PostgreSQL` and `14.15` from `index.docker.io/library/postgres:14.15` (a digest pin keeps its comment's version). */
export function serviceOfImage(
  image: string,
  comment?: string,
): { name: string; version?: string } | undefined {
  const withoutDigest = image.split('@')[0];
  const [path, tag] = withoutDigest.split(/:(?=[^/]*$)/);
  const base = path.split('/').pop()!.toLowerCase();
  const known = KNOWN_IMAGES.find(([pattern]) => pattern.test(base));
  if (!known) return undefined;
  const version = [tag, comment?.trim()].find(
    v => v && /^v?\d+(\.\d+)*$/.test(v),
  );
  return { name: known[1], version: version?.replace(/^v/, '') };
}

function imagesOf(
  services: Record<string, unknown> | undefined,
): { key: string; image: string }[] {
  return Object.entries(services ?? {})
    .map(([key, value]) => ({ key, image: asString(asRecord(value)?.image) }))
    .filter((s): s is { key: string; image: string } => Boolean(s.image));
}

/**
 * Backing services from compose files a developer starts and from the
 * service containers of CI jobs. An app's own image or an unknown image is
 * left out: only services whose kind the image name proves are stated.
 */
export function findBackingServices(checkout: Checkout): BackingServiceFact[] {
  const found = new Map<string, BackingServiceFact>();
  const add = (
    image: string,
    text: string,
    declaredIn: BackingServiceFact['declaredIn'],
    file: string,
  ) => {
    const escaped = image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const lineIndex = text
      .split('\n')
      .findIndex(l => new RegExp(`image:\\s*["']?${escaped}`).test(l));
    const comment =
      lineIndex >= 0
        ? /#\s*(\S+)\s*$/.exec(text.split('\n')[lineIndex])?.[1]
        : undefined;
    const service = serviceOfImage(image, comment);
    if (!service || found.has(service.name)) return;
    found.set(service.name, {
      ...service,
      declaredIn,
      source: { file, line: lineIndex >= 0 ? lineIndex + 1 : undefined },
    });
  };
  const composeFiles = checkout.files
    .map(f => f.path)
    .filter(p => COMPOSE_FILES.test(p))
    .sort(
      (a, b) =>
        a.split('/').length - b.split('/').length ||
        Number(/\.(dev|development|local)\./.test(a)) -
          Number(/\.(dev|development|local)\./.test(b)) ||
        a.localeCompare(b),
    );
  for (const file of composeFiles) {
    const text = checkout.readText(file);
    if (!text) continue;
    const compose = asRecord(checkout.readYaml(file));
    for (const { image } of imagesOf(asRecord(compose?.services)))
      add(image, text, 'compose', file);
  }
  for (const file of checkout
    .filesIn('.github/workflows')
    .map(f => f.path)
    .filter(p => /\.ya?ml$/.test(p))
    .sort()) {
    const text = checkout.readText(file);
    if (!text || !/^\s+services:\s*$/m.test(text)) continue;
    const jobs = asRecord(asRecord(checkout.readYaml(file))?.jobs) ?? {};
    for (const job of Object.values(jobs))
      for (const { image } of imagesOf(asRecord(asRecord(job)?.services)))
        add(image, text, 'ci', file);
  }
  return [...found.values()];
}
