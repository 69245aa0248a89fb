// The pages' access to the message catalogue (services/messages.ts, which holds the phones' texts
// too): a text by its key in the page's language, and the choice of that language.
import { DEFAULT_LANGUAGE, isLanguage, PAGE_TEXTS, type Language } from '../../services/messages.js';

export type TextKey = keyof typeof PAGE_TEXTS;

/** The text in the language, with {name} placeholders filled in (the values are escaped where shown). */
export function text(language: Language, key: TextKey, values: Record<string, string | number> = {}): string {
  return PAGE_TEXTS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** The language from a choice the person made (cookie), else the browser's Accept-Language. */
export function chooseLanguage(chosen: string | undefined, acceptLanguage: string | undefined): Language {
  if (chosen !== undefined && isLanguage(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((p) => p.tag !== '' && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}
