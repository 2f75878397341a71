// The page's translator, for the language chosen in the top bar.
import { useMemo } from 'react';
import { translator, type Translate } from './messages';
import { useCentre } from './store';

export function useT(): Translate {
  const language = useCentre((s) => s.language);
  return useMemo(() => translator(language), [language]);
}
