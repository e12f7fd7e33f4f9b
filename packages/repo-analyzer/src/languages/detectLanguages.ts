import { Checkout } from '../checkout/Checkout';
import { LanguageFact } from '../types';
import { languageOf } from './languageByExtension';

/**
 * Counts files and bytes per language by file name. Sizes come from the file
 * system, so huge and binary files count without being read.
 */
export function detectLanguages(checkout: Checkout): LanguageFact[] {
  const totals = new Map<
    string,
    {
      kind: LanguageFact['kind'];
      files: number;
      bytes: number;
      example: string;
    }
  >();
  for (const file of checkout.files) {
    const language = languageOf(file.path);
    if (!language) continue;
    const [name, kind] = language;
    const total = totals.get(name) ?? {
      kind,
      files: 0,
      bytes: 0,
      example: file.path,
    };
    total.files++;
    total.bytes += file.size;
    totals.set(name, total);
  }
  let programmingBytes = 0;
  for (const total of totals.values()) {
    if (total.kind === 'programming') programmingBytes += total.bytes;
  }
  return [...totals.entries()]
    .map(([name, total]) => ({
      name,
      kind: total.kind,
      files: total.files,
      bytes: total.bytes,
      share:
        total.kind === 'programming' && programmingBytes > 0
          ? Math.round((total.bytes / programmingBytes) * 1000) / 1000
          : 0,
      source: {
        note: `${total.files} file(s) by extension, e.g. ${total.example}`,
      },
    }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}
