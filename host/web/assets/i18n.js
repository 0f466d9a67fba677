// UI strings: one JSON file per language under /static/i18n/, Catalan first.
// No string of the interface is written in app.js or index.html themselves.

export const LANGUAGES = ['ca', 'es', 'en'];
export const DEFAULT_LANGUAGE = 'ca';
const LOCALES = { ca: 'ca-ES', es: 'es-ES', en: 'en-GB' };
const STORAGE_KEY = 'convoca.language';

let current = DEFAULT_LANGUAGE;
let messages = {};

export function language() {
  return current;
}

export function locale() {
  return LOCALES[current];
}

// The stored choice, else the first browser language we speak, else Catalan.
export function preferredLanguage() {
  const stored = readStored();
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

export async function useLanguage(code, { remember = false } = {}) {
  const chosen = LANGUAGES.includes(code) ? code : DEFAULT_LANGUAGE;
  const response = await fetch(`/static/i18n/${chosen}.json`);
  if (!response.ok) throw new Error(`i18n ${chosen}: HTTP ${response.status}`);
  messages = await response.json();
  current = chosen;
  if (remember) store(chosen);
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

// t('result.budget', { amount: '1 000 €' }); an unknown key shows itself so a
// missing translation is visible rather than blank.
export function t(key, values = {}) {
  const template = has(key) ? messages[key] : key;
  return template.replace(/\{(\w+)\}/g, (match, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match);
}

// Plural forms as key_one, key_other (Intl.PluralRules); _other is the fallback.
export function tCount(key, count, values = {}) {
  const form = new Intl.PluralRules(locale()).select(count);
  const chosen = has(`${key}_${form}`) ? `${key}_${form}` : `${key}_other`;
  return t(chosen, { ...values, count: new Intl.NumberFormat(locale()).format(count) });
}

// Fills every element marked with data-i18n (text), data-i18n-placeholder and
// data-i18n-aria-label.
export function translateDocument(root = document) {
  document.documentElement.lang = current;
  document.title = t('app.title');
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-placeholder]')) {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  }
  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
}

function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: fall back to the browser's languages
  }
}

function store(code) {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
