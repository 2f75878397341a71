import { useMemo } from 'react';
import type { Language } from '../../electron/contract/schemas';
import { useStationState } from '../store/store-context';
import { createTranslator, type Translate } from './translate';

export function useLanguage(): Language {
  return useStationState((s) => s.settings.language);
}

export function useT(): Translate {
  const language = useLanguage();
  return useMemo(() => createTranslator(language), [language]);
}
