// Translations: one JSON file per language in ./locales. Adding a language is adding a file
// (its "meta.name" is what the language menu shows). web/test/locales.test.mjs fails on any key
// a locale lacks (staff-only namespaces excepted for citizen-only locales, see web/README.md),
// so the English fallback in t() is a safety net at run time, never a way to leave text out.
import { signal, computed } from '@preact/signals';

type Dict = Record<string, any>;
const files = import.meta.glob('./locales/*.json', { eager: true }) as Record<string, { default: Dict }>;

export const dictionaries: Record<string, Dict> = {};
for (const [file, mod] of Object.entries(files)) {
  const code = file.replace('./locales/', '').replace('.json', '');
  dictionaries[code] = mod.default;
}

export const languages = Object.keys(dictionaries)
  .sort()
  .map((code) => ({ code, name: dictionaries[code].meta?.name ?? code, staff: dictionaries[code].meta?.staff !== false }));

function initial(): string {
  const saved = localStorage.getItem('tb.lang');
  if (saved && dictionaries[saved]) return saved;
  for (const l of navigator.languages ?? [navigator.language]) {
    if (dictionaries[l]) return l;
    const base = l.split('-')[0];
    const hit = Object.keys(dictionaries).find((c) => c.split('-')[0] === base);
    if (hit) return hit;
  }
  return 'zh-CN';
}

export const lang = signal<string>(initial());
document.documentElement.lang = lang.value;

export function setLang(code: string) {
  if (!dictionaries[code]) return;
  lang.value = code;
  localStorage.setItem('tb.lang', code);
  document.documentElement.lang = code;
}

function lookup(d: Dict | undefined, key: string): string | undefined {
  let v: any = d;
  for (const part of key.split('.')) v = v?.[part];
  return typeof v === 'string' ? v : undefined;
}

//! Translates `key`, filling {name} placeholders from `vars`.
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const s = lookup(dictionaries[lang.value], key) ?? lookup(dictionaries['en'], key) ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : '{' + k + '}'));
}

//! A text of the catalogue as the API answers it: {"zh", "en", "it", "es", …} (catalog/i18n).
export type LocalText = { zh?: string; en?: string; [lang: string]: string | undefined };

//! The text in the current language ("it", or "zh" for "zh-CN"), falling back to English, then
//! Chinese, when the catalogue has no translation.
export function pick(text: LocalText | undefined | null): string {
  if (!text) return '';
  const code = lang.value;
  return text[code] || text[code.split('-')[0]] || text.en || text.zh || '';
}

//! Whether the current language (or English) has `key`.
export function hasKey(key: string): boolean {
  return lookup(dictionaries[lang.value], key) !== undefined || lookup(dictionaries['en'], key) !== undefined;
}

//! A case document's kind in words: the item's name for it when it has one, else the name of a
//! type every item accepts (supplement, other, photo). Never the code.
export function documentName(doc: { type: string; name?: LocalText | null }): string {
  if (doc.name) return pick(doc.name);
  return hasKey('docType.' + doc.type) ? t('docType.' + doc.type) : t('docType.other');
}

export const isChinese = computed(() => lang.value.startsWith('zh'));

//! Date and time in the user's own time zone.
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

//! A calendar date ("2026-12-02") shown without shifting it through time zones.
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang.value, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatMoney(amount: number, currency: string): string {
  if (!amount) return t('item.free');
  return new Intl.NumberFormat(lang.value, { style: 'currency', currency }).format(amount);
}

//! A server error in the person's language: by code when we know it, else the server's text.
export function errorText(code: string, fallback = ''): string {
  const k = 'errors.' + code;
  const s = t(k);
  return s === k ? fallback || t('errors.generic') : s;
}
