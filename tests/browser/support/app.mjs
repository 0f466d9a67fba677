// What the tests need to know about the UI beyond plain selectors (the
// selector contract is in tests/browser/README.md and host/web/assets):
// its hash routes and how it shows counts.
import { formatCount } from './browser.mjs';

// The route of a call page. Ids hold ':' and '/' ("undl:A/RES/81/60"): the UI
// encodes them with encodeURIComponent and decodes them back.
export function callRoute(id) {
  return `#/call/${encodeURIComponent(id)}`;
}

export function profileRoute(id) {
  return `#/profiles/${encodeURIComponent(id)}`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// A regular expression matching `count` as a whole number written in `lang`
// ("1.234" in Catalan, "1,234" in English), not as part of a longer one.
export function countPattern(lang, count) {
  return new RegExp(`(^|[^\\d.,])${escapeRegExp(formatCount(lang, count))}($|[^\\d.,])`);
}

// Waits until #result-count shows `count`.
export async function waitForResultCount(page, lang, count) {
  await page.locator('#result-count', { hasText: countPattern(lang, count) }).waitFor();
}

// Waits until the hash route's path is `path` ("#/search") and every entry of
// `parameters` has its value there (null: the parameter is absent).
export async function waitForRoute(page, path, parameters = {}) {
  await page.waitForFunction(
    ([wantedPath, wanted]) => {
      const hash = window.location.hash;
      const cut = hash.indexOf('?');
      const actual = new URLSearchParams(cut < 0 ? '' : hash.slice(cut + 1));
      const hashPath = cut < 0 ? hash : hash.slice(0, cut);
      return hashPath === wantedPath && Object.entries(wanted).every(([name, value]) => actual.get(name) === value);
    },
    [path, parameters],
  );
}
