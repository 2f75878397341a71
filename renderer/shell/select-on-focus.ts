// A pre-filled text field whose value is only a suggestion: focusing it selects the
// whole text, so the first keystroke replaces it instead of gluing onto its end.
import type { FocusEvent, MouseEvent } from 'react';

interface SelectOnFocusProps {
  onFocus?: (e: FocusEvent<HTMLInputElement>) => void;
  onMouseDown?: (e: MouseEvent<HTMLInputElement>) => void;
  onMouseUp?: (e: MouseEvent<HTMLInputElement>) => void;
}

/** Fields being focused by a mouse press, whose release must not drop the selection. */
const focusingPress = new WeakSet<HTMLInputElement>();

/** Props for an `<input>`; `suggestion` is true while the value is still the pre-fill. */
export function replaceOnFirstTyping(suggestion: boolean): SelectOnFocusProps {
  if (!suggestion) return {};
  return {
    onMouseDown: (e) => {
      if (document.activeElement !== e.currentTarget) focusingPress.add(e.currentTarget);
    },
    onFocus: (e) => e.currentTarget.select(),
    // The release of the press that focused the field would put the caret back.
    onMouseUp: (e) => {
      if (focusingPress.delete(e.currentTarget)) e.preventDefault();
    },
  };
}
