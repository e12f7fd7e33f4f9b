import { Checkout } from '../checkout/Checkout';
import { EnvironmentFileFact } from '../types';

const ENV_EXAMPLE =
  /(^|\/)\.env(\.[\w-]+)*\.(example|sample|template|dist|defaults)$|(^|\/)(example|sample)\.env$/;

/** Committed example environment files (`.env.example`) and how many variables they list. */
export function findEnvironmentFiles(
  checkout: Checkout,
): EnvironmentFileFact[] {
  return checkout.files
    .filter(f => ENV_EXAMPLE.test(f.path) && f.path.split('/').length <= 3)
    .map(f => {
      const text = checkout.readText(f.path) ?? '';
      const variables = text
        .split('\n')
        .filter(l =>
          /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/.test(l),
        ).length;
      return { file: f.path, variables, source: { file: f.path } };
    });
}
