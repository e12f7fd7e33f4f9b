/** The service's first behaviour; replace it with the real one. */
export function greeting(name: string): string {
  return `Hello, ${name}`;
}
