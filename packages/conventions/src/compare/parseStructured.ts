import { ConventionFileFormat } from '../packs/types';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

/** Parses a JSON, YAML or TOML file into plain data; throws on bad syntax. */
export function parseStructured(
  text: string,
  format: Exclude<ConventionFileFormat, 'text'>,
): unknown {
  switch (format) {
    case 'json':
      return JSON.parse(text);
    case 'yaml':
      return parseYaml(text);
    case 'toml':
      return parseToml(text);
    default:
      throw new Error(`not a structured format: ${String(format)}`);
  }
}
