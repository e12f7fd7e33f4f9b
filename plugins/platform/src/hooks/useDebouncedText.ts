import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/**
 * A text field's value that follows `value` and hands what the user typed to
 * `onCommit` once typing pauses, so every keystroke does not reach the URL.
 */
export function useDebouncedText(
  value: string,
  onCommit: (text: string) => void,
  delayMs = 300,
): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const committed = useRef(value);

  // A change from outside (back button, a cleared filter) wins over the field.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  useDebounce(
    () => {
      if (text !== committed.current) {
        committed.current = text;
        onCommit(text);
      }
    },
    delayMs,
    [text],
  );
  return [text, setText];
}
