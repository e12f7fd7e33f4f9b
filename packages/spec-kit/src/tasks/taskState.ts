import type { SpecTaskState } from '../types';

/** Maps a checkbox mark to a task state, as documented on `SpecTaskState`. */
export function taskStateFromMark(mark: string): SpecTaskState {
  switch (mark.replace(/\uFE0F$/, '')) {
    case ' ':
      return 'open';
    case 'x':
    case 'X':
      return 'done';
    case '~':
    case '/':
    case '>':
    case '\u23F3':
      return 'in-progress';
    case '-':
      return 'cancelled';
    case '!':
      return 'blocked';
    default:
      return 'other';
  }
}
