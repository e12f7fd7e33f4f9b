import { Checkout } from '../checkout/Checkout';
import { isFixturePath } from '../checkout/fixturePaths';
import { SpecFolderFact } from '../types';

const SPEC_FOLDER = /^((?:.+\/)?specs)\/(\d{3,})-([a-z0-9][a-z0-9-]*)$/i;

/**
 * Spec Kit folders (`specs/NNN-slug/`) anywhere outside vendored trees, with
 * open and done task counts from a line scan of tasks.md. A spec is active
 * when it has open tasks.
 */
export function findSpecs(checkout: Checkout): SpecFolderFact[] {
  const specs: SpecFolderFact[] = [];
  for (const folder of checkout.folders) {
    const match = SPEC_FOLDER.exec(folder);
    if (!match || isFixturePath(`${folder}/`)) continue;
    const tasksFile = `${folder}/tasks.md`;
    const text = checkout.readText(tasksFile);
    let open = 0;
    let done = 0;
    let firstOpen: number | undefined;
    (text ?? '').split('\n').forEach((line, index) => {
      const task = /^\s*[-*+]\s+\[([ xX])\]\s/.exec(line);
      if (!task) return;
      if (task[1] === ' ') {
        open++;
        firstOpen ??= index + 1;
      } else {
        done++;
      }
    });
    specs.push({
      path: folder,
      id: match[2],
      slug: match[3],
      openTasks: open,
      doneTasks: done,
      active: open > 0,
      source:
        text !== undefined
          ? { file: tasksFile, line: firstOpen }
          : { file: `${folder}/`, note: 'no tasks.md' },
    });
  }
  return specs.sort((a, b) => a.path.localeCompare(b.path));
}
