const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Moves requirements of a go.mod's text to new versions (`v1.3.0`),
 * touching nothing but the version on the module's require line.
 */
export function updateGoMod(
  text: string,
  updates: { modulePath: string; from: string; to: string }[],
): { text: string; applied: string[] } {
  let result = text;
  const applied: string[] = [];
  for (const update of updates) {
    const line = new RegExp(
      `^(\\s*(?:require\\s+)?${escape(update.modulePath)}\\s+)${escape(
        update.from,
      )}(?=\\s|$)`,
      'm',
    );
    if (!line.test(result)) continue;
    result = result.replace(line, `$1${update.to}`);
    applied.push(update.modulePath);
  }
  return { text: result, applied };
}
