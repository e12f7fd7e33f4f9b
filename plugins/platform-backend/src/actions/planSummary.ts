/** Longest plan summary handed to an agent; the whole plan is a file read away. */
export const MAX_PLAN_SUMMARY_CHARS = 2000;

/**
 * The `## Summary` section of a Spec Kit plan.md, or the first paragraph
 * after its title when it has none; bounded, since the file is repository input.
 */
export function planSummary(markdown: string): string | undefined {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const heading = lines.findIndex(line => /^##\s+summary\b/i.test(line.trim()));
  let body: string[];
  if (heading !== -1) {
    const next = lines.findIndex(
      (line, index) => index > heading && /^#{1,2}\s/.test(line),
    );
    body = lines.slice(heading + 1, next === -1 ? undefined : next);
  } else {
    const start = lines.findIndex(
      line => line.trim() && !/^#|^\*\*\w[^*]*\*\*:/.test(line.trim()),
    );
    if (start === -1) return undefined;
    const end = lines.findIndex((line, index) => index > start && !line.trim());
    body = lines.slice(start, end === -1 ? undefined : end);
  }
  const text = body.join('\n').trim();
  if (!text) return undefined;
  return text.length > MAX_PLAN_SUMMARY_CHARS
    ? `${text.slice(0, MAX_PLAN_SUMMARY_CHARS)}…`
    : text;
}
