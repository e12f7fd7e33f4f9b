import { Checkout } from '../checkout/Checkout';
import { asRecord } from '../checkout/asRecord';
import { CommandFact } from '../types';

const COMPOSE_FILES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-compose.dev.yml',
];

/** `docker compose up -d` for a root compose file, with the services it starts. */
export function composeCommands(checkout: Checkout): CommandFact[] {
  const file = checkout.first(...COMPOSE_FILES);
  if (!file) return [];
  const services = Object.keys(
    asRecord(asRecord(checkout.readYaml(file))?.services) ?? {},
  ).sort();
  if (services.length === 0) return [];
  const flag =
    file.startsWith('compose.') ||
    file === 'docker-compose.yml' ||
    file === 'docker-compose.yaml'
      ? ''
      : ` -f ${file}`;
  return [
    {
      kind: 'services',
      command: `docker compose${flag} up -d`,
      origin: 'derived',
      description: `starts ${services.slice(0, 6).join(', ')}${
        services.length > 6 ? ', ...' : ''
      }`,
      directory: '',
      source: checkout.sourceOf(file, /^services\s*:/),
    },
  ];
}
