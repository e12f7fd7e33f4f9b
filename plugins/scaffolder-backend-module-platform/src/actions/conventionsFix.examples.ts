import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of `catalyst:conventions:fix`, shown in the scaffolder's action list. */
export const examples: TemplateExample[] = [
  {
    description:
      'Bring a fetched repository onto the platform standard, with the pack detected from its files',
    example: yaml.stringify({
      steps: [
        {
          id: 'conventions',
          action: 'catalyst:conventions:fix',
          name: 'Apply the platform conventions',
        },
      ],
    }),
  },
  {
    description: 'Apply the Go pack to a service in a subfolder',
    example: yaml.stringify({
      steps: [
        {
          id: 'conventions',
          action: 'catalyst:conventions:fix',
          name: 'Apply the Go conventions',
          input: { path: 'services/ledger', pack: 'go' },
        },
      ],
    }),
  },
];
