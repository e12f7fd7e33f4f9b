import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of `catalyst:conventions:scaffold`, shown in the scaffolder's action list. */
export const examples: TemplateExample[] = [
  {
    description:
      'Start a TypeScript service on the platform standard after fetching its skeleton',
    example: yaml.stringify({
      steps: [
        {
          id: 'conventions',
          action: 'catalyst:conventions:scaffold',
          name: 'Add the platform conventions',
          input: { pack: 'typescript' },
        },
      ],
    }),
  },
  {
    description: 'Scaffold the Python pack into a subfolder of the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'conventions',
          action: 'catalyst:conventions:scaffold',
          name: 'Add the Python conventions',
          input: { pack: 'python', path: 'worker' },
        },
      ],
    }),
  },
];
