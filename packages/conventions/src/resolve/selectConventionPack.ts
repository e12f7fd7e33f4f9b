import { GuardedCheckout } from '@catalyst/checkout-guard';
import { ConventionPack } from '../packs/types';

/**
 * The pack that applies to a checkout and how it was chosen.
 *
 * @public
 */
export interface SelectedConventionPack {
  pack: ConventionPack;
  reason: string;
}

/**
 * Picks the pack for a checkout: the one named (command line, then
 * catalyst.yaml), else the first whose detection files exist. Undefined when
 * nothing matches; throws when a named pack is unknown.
 */
export async function selectConventionPack(
  repoDir: string,
  packs: readonly ConventionPack[],
  named?: { id: string; source: string },
): Promise<SelectedConventionPack | undefined> {
  if (named) {
    const pack = packs.find(candidate => candidate.id === named.id);
    if (!pack) {
      throw new Error(
        `unknown convention pack "${named.id}" (${
          named.source
        }); known packs: ${packs.map(candidate => candidate.id).join(', ')}`,
      );
    }
    return { pack, reason: `named by ${named.source}` };
  }
  const checkout = GuardedCheckout.open(repoDir);
  for (const pack of packs) {
    for (const file of pack.detection.anyOfFiles) {
      if (checkout.exists(file)) {
        return { pack, reason: `detected from ${file}` };
      }
    }
  }
  return undefined;
}
