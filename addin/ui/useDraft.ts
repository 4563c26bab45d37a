/**
 * A text field that writes to the sheet on commit (Enter or leaving the field), and follows the
 * sheet while the user is not editing it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Draft {
  text: string;
  onChange(text: string): void;
  /** Commits if the text was edited since the last commit. */
  commit(): void;
  onKeyDown(event: { key: string; shiftKey?: boolean; preventDefault(): void }): void;
}

export function useDraft(value: string, onCommit: (text: string) => void, options: { multiline?: boolean } = {}): Draft {
  const [text, setText] = useState(value);
  const dirty = useRef(false);
  useEffect(() => {
    if (!dirty.current) setText(value);
  }, [value]);
  const commit = useCallback(() => {
    if (!dirty.current) return;
    dirty.current = false;
    onCommit(text);
  }, [onCommit, text]);
  return {
    text,
    onChange: (next) => {
      dirty.current = true;
      setText(next);
    },
    commit,
    onKeyDown: (event) => {
      if (event.key === 'Enter' && !(options.multiline && event.shiftKey)) {
        if (options.multiline) event.preventDefault();
        commit();
      }
    },
  };
}
