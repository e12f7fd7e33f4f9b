import { Checkout } from '../checkout/Checkout';

const MAX_URL_LENGTH = 2048;

/**
 * What a checkout says about its Catalyst portal: `context.portalUrl` in
 * catalyst.yaml and the first entity of catalog-info.yaml, both optional.
 * A malformed value is left out with a message, never thrown.
 *
 * @public
 */
export async function readCatalystPortalLink(repoDir: string): Promise<{
  portalUrl?: string;
  entityRef?: string;
  warnings: string[];
}> {
  const checkout = await Checkout.open(repoDir);
  const warnings: string[] = [];
  const config = checkout.readYaml('catalyst.yaml') as
    | { context?: { portalUrl?: unknown } }
    | undefined;
  const configured = config?.context?.portalUrl;
  let portalUrl: string | undefined;
  if (configured !== undefined) {
    if (typeof configured === 'string' && isPortalUrl(configured)) {
      portalUrl = configured;
    } else {
      warnings.push(
        'catalyst.yaml: context.portalUrl is not an http(s) URL; ignored',
      );
    }
  }
  return {
    portalUrl,
    entityRef: entityRefOf(checkout.readYaml('catalog-info.yaml')),
    warnings: [
      ...warnings,
      ...checkout.diagnostics
        .filter(d => d.file === 'catalyst.yaml')
        .map(d => `catalyst.yaml: ${d.message}`),
    ],
  };
}

/**
 * Whether a value is an absolute http(s) URL of a reasonable length.
 *
 * @public
 */
export function isPortalUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const NAME = /^[a-z0-9A-Z][a-z0-9A-Z_.-]{0,62}$/;

function entityRefOf(document: unknown): string | undefined {
  if (!document || typeof document !== 'object') return undefined;
  const { kind, metadata } = document as {
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  const name = metadata?.name;
  const namespace = metadata?.namespace ?? 'default';
  if (
    typeof kind !== 'string' ||
    !NAME.test(kind) ||
    typeof name !== 'string' ||
    !NAME.test(name) ||
    typeof namespace !== 'string' ||
    !NAME.test(namespace)
  ) {
    return undefined;
  }
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}
