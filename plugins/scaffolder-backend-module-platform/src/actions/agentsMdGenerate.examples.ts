import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of `catalyst:agents-md:generate`, shown in the scaffolder's action list. */
export const examples: TemplateExample[] = [
  {
    description:
      'Write AGENTS.md at the root of the workspace after fetching the skeleton',
    example: yaml.stringify({
      steps: [
        {
          id: 'agents-md',
          action: 'catalyst:agents-md:generate',
          name: 'Write AGENTS.md',
        },
      ],
    }),
  },
  {
    description:
      'Write AGENTS.md for a service that the template puts in a subfolder',
    example: yaml.stringify({
      steps: [
        {
          id: 'agents-md',
          action: 'catalyst:agents-md:generate',
          name: 'Write AGENTS.md for the service',
          input: { path: 'services/payments' },
        },
      ],
    }),
  },
];
