// A small translator: look up a key in the active locale and fill {params}.
import type { Language } from '../../electron/contract/schemas';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogs: Record<Language, Record<MessageKey, string>> = { vi, en };

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, params) => interpolate(catalog[key] ?? vi[key], params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}
