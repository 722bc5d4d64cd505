import { en, TextKey } from './en';

export type TextParams = Record<string, string | number>;

const catalogs: Record<string, Record<TextKey, string>> = { en };

/**
 * Looks a text up by key and fills its `{name}` placeholders. Unknown languages fall back to
 * English; a placeholder without a value stays visible rather than disappearing silently.
 */
export function t(key: TextKey, params: TextParams = {}, language = 'en'): string {
  const template = (catalogs[language] ?? en)[key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
