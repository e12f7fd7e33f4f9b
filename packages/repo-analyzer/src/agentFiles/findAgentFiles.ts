import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { isFixturePath } from '../checkout/fixturePaths';
import { AgentFileFact, ManagedBlockFact } from '../types';

const AGENT_FILE =
  /(^|\/)(AGENTS\.md|CLAUDE\.md|GEMINI\.md|\.cursorrules|\.windsurfrules|copilot-instructions\.md|\.clinerules)$|^\.cursor\/rules\/[^/]+\.mdc$/;

/** A managed block marker: its block name and whether it opens or closes. */
export function parseBlockMarker(
  line: string,
): { name: string; edge: 'begin' | 'end' } | undefined {
  const comment = /^\s*<!--\s*(.+?)\s*-->\s*$/.exec(line);
  if (!comment) return undefined;
  const text = comment[1];
  const trailing = /^(.*?)[\s:_-]*\b(begin|start|end)\b$/i.exec(text);
  if (trailing && trailing[1]) {
    const edge = trailing[2].toLowerCase() === 'end' ? 'end' : 'begin';
    return { name: trailing[1].toLowerCase(), edge };
  }
  const leading = /^(begin|start|end)[\s:_-]+(.+)$/i.exec(text);
  if (leading)
    return {
      name: leading[2].toLowerCase(),
      edge: leading[1].toLowerCase() === 'end' ? 'end' : 'begin',
    };
  return undefined;
}

/** Managed blocks (`<!-- x:begin -->` ... `<!-- x:end -->`, `<!-- SPECKIT START -->` ...) in a text. */
export function findManagedBlocks(text: string): ManagedBlockFact[] {
  const blocks: ManagedBlockFact[] = [];
  text.split('\n').forEach((line, index) => {
    const marker = parseBlockMarker(line);
    if (!marker) return;
    if (marker.edge === 'begin') {
      blocks.push({ name: marker.name, beginLine: index + 1 });
    } else {
      const open = [...blocks]
        .reverse()
        .find(b => b.name === marker.name && b.endLine === undefined);
      if (open) open.endLine = index + 1;
    }
  });
  return blocks;
}

/** Instruction files for coding agents already in the checkout, with their managed blocks. */
export function findAgentFiles(checkout: Checkout): AgentFileFact[] {
  const facts: AgentFileFact[] = [];
  for (const file of checkout.files) {
    if (!AGENT_FILE.test(file.path) || isFixturePath(file.path)) continue;
    const text = checkout.readText(file.path) ?? '';
    facts.push({
      path: file.path,
      lines: text ? text.split('\n').length - (text.endsWith('\n') ? 1 : 0) : 0,
      managedBlocks: findManagedBlocks(text),
      symlinkTo: file.symlinkTo
        ? posix.normalize(posix.join(posix.dirname(file.path), file.symlinkTo))
        : undefined,
      source: { file: file.path },
    });
  }
  return facts;
}
