import { Checkout } from '../checkout/Checkout';
import { firstSentence } from '../go/goModules';
import { FactSource } from '../types';

const BOILERPLATE =
  /^This README would normally document|bootstrapped with .*create-(next|react)-app|^This template should help get you started|^Welcome to your new/i;

const LINK_REFERENCE = /^\[[^\]]+\]:\s*\S/;
const COMMAND_LINE =
  /^(\$ |make |npm |npx |pnpm |yarn |uv |pip |cargo |go |bundle |bin\/|\.\/)/;

/**
 * The first sentence of a folder's README (or docs index) that is prose, not
 * a heading, badge, HTML or a generator's boilerplate.
 */
export function readmeSummary(
  checkout: Checkout,
  dir: string,
): { text: string; source: FactSource; title?: string } | undefined {
  const file = checkout.first(
    `${dir}README.md`,
    `${dir}readme.md`,
    `${dir}README`,
    `${dir}index.md`,
  );
  const text = file ? checkout.readText(file) : undefined;
  if (!file || !text) return undefined;
  const lines = text.split('\n');
  const title = /^#\s+(.+?)\s*#*$/m.exec(text)?.[1].replace(/[*_`]/g, '');
  const paragraphs: { text: string; line: number }[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length && paragraphs.length < 3; i++) {
    const line = lines[i].trim();
    if (line.startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (
      inFence ||
      !line ||
      /^(#|!\[|\[!\[|<|>|\||-{3}|={3}|\*\*\*|[-*+] |\d+\. )/.test(line)
    )
      continue;
    // A generator's boilerplate says nothing about this project.
    if (BOILERPLATE.test(line)) return undefined;
    // Link reference definitions (`[Go]: https://...`) and commands are not prose.
    if (LINK_REFERENCE.test(line) || COMMAND_LINE.test(line)) continue;
    // The paragraph, not its first wrapped line, holds the first sentence.
    let paragraph = line;
    let j = i + 1;
    for (
      ;
      j < lines.length &&
      lines[j].trim() &&
      !/^(#|```|[-*] |\d+\. )/.test(lines[j].trim());
      j++
    )
      paragraph += ` ${lines[j].trim()}`;
    // A paragraph that introduces a list or a code block (`Use a package manager:`) says nothing alone.
    if (!paragraph.endsWith(':'))
      paragraphs.push({
        text: paragraph
          .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
          .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1'),
        line: i + 1,
      });
    i = j;
  }
  // Of the first paragraphs, the one that says what the project is (`X is a ...`) is the summary.
  // Failing that, the first paragraph, unless it is about installing rather than about the project.
  const defining =
    paragraphs.find(p => /^[^.]{0,80}\b(is|are)\s+(an?|the)\b/i.test(p.text)) ??
    paragraphs.find(
      (p, i) =>
        i === 0 &&
        !/\b(install|installation|available (via|on|from|in)|download|package manager)\b/i.test(
          p.text,
        ),
    );
  if (!defining) return undefined;
  return {
    text: firstSentence(defining.text),
    source: { file, line: defining.line },
    title,
  };
}
