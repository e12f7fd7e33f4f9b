import type { YAMLError } from 'yaml';

/**
 * The 1-based line, within the YAML text, where a parse error starts; an
 * error found at the end of the input points at the last line.
 */
export function yamlErrorLine(yaml: string, error: YAMLError): number {
  const end = Math.min(error.pos[0], yaml.replace(/\n+$/, '').length);
  let line = 1;
  for (let i = 0; i < end; i++) {
    if (yaml.charCodeAt(i) === 10) line++;
  }
  return line;
}
