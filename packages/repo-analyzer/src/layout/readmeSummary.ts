import { Checkout } from '../checkout/Checkout';
import { firstSentence } from '../go/goModules';
import { FactSource } from '../types';

const BOILERPLATE =
  /^This README would normally document|bootstrapped with .*create-(next|react)-app|^This template should help get you started|^Welcome to your new/i;

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
    paragraphs.push({
      text: paragraph.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1'),
      line: i + 1,
    });
    i = j;
  }
  // Of the first paragraphs, the one that says what the project is (`X is a ...`) is the summary.
  const defining =
    paragraphs.find(p => /^[^.]{0,80}\b(is|are)\s+(an?|the)\b/i.test(p.text)) ??
    paragraphs[0];
  if (!defining) return undefined;
  return {
    text: firstSentence(defining.text),
    source: { file, line: defining.line },
    title,
  };
}
