/** A series' legend name: the `signal` label, else its labels as `{k="v"}`. */
export function seriesName(labels: Record<string, string>): string {
  if (labels.signal) return labels.signal;
  const entries = Object.entries(labels);
  if (entries.length === 0) return '{}';
  const name = labels.__name__ ?? '';
  const rest = entries
    .filter(([key]) => key !== '__name__')
    .map(([key, value]) => `${key}="${value}"`)
    .join(', ');
  return rest ? `${name}{${rest}}` : name;
}
