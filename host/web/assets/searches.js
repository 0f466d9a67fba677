// Saved searches (#/searches): each named search with its Atom and ICS feeds.
// A search is saved from the search page ("Save search").

import { api, canEdit, isMissingRoute, rowsOf, withFeedToken } from './api.js';
import { has, language, t } from './i18n.js';
import { formatShort } from './format.js';
import {
  button, el, emptyState, facetLabel, loading, notAvailable, pageHeader, reportError, safeHref, toast,
} from './render.js';

function withLanguage(url) {
  if (!url) return url;
  return `${url}${url.includes('?') ? '&' : '?'}lang=${language()}`;
}

// "q=soil&status=open" as readable chips.
function describe(query) {
  const params = new URLSearchParams(query ?? '');
  const parts = [...params].map(([name, value]) => {
    if (name === 'q') return `«${value}»`;
    const label = has(`facet.${name}`) ? t(`facet.${name}`) : name;
    return `${label}: ${facetLabel(name, value)}`;
  });
  return parts.length ? parts : [t('searches.everything')];
}

export function mount(view) {
  const list = el('ul', { className: 'saved-list', attrs: { id: 'saved-searches' } }, el('li', {}, loading()));
  view.append(pageHeader(t('searches.title'), { subtitle: t('searches.subtitle') }), list);
  load(list);
  return {};
}

async function load(list) {
  let rows;
  try {
    rows = rowsOf(await api.get('/api/searches'), 'searches');
  } catch (error) {
    list.replaceChildren(el('li', {}, isMissingRoute(error) ? notAvailable() : emptyState(t('error.generic'))));
    if (!isMissingRoute(error)) reportError(error);
    return;
  }
  if (!rows.length) {
    list.replaceChildren(el('li', { className: 'empty' }, emptyState(t('searches.none')),
      el('a', { className: 'button primary', text: t('searches.goSearch'), attrs: { href: '#/' } })));
    return;
  }
  list.replaceChildren(...rows.map((row) => item(row, list)));
}

function item(row, list) {
  const base = `/api/searches/${encodeURIComponent(row.id)}`;
  const atom = safeHref(withFeedToken(withLanguage(row.feed_url || `${base}/feed.atom`)));
  const ics = safeHref(withFeedToken(row.calendar_url || `${base}/calendar.ics`));
  const remove = button(t('searches.delete'), { className: 'button ghost small delete', attrs: { hidden: !canEdit() } });
  remove.addEventListener('click', () => deleteSearch(row, list));
  return el('li', { className: 'saved-search card', attrs: { 'data-id': row.id } },
    el('div', { className: 'saved-main' },
      el('h2', {}, el('a', { text: row.name, attrs: { href: `#/search?${row.query ?? ''}` } })),
      el('ul', { className: 'chips' }, describe(row.query).map((text) => el('li', { className: 'chip', text }))),
      row.created_at ? el('p', { className: 'muted small', text: t('searches.created', { date: formatShort(row.created_at) }) }) : null),
    el('div', { className: 'saved-actions' },
      el('a', { className: 'button small feed-atom', text: t('export.atom'), attrs: { href: atom } }),
      el('a', { className: 'button small feed-ics', text: t('export.ics'), attrs: { href: ics, download: '' } }),
      el('a', { className: 'button small ghost', text: t('searches.calendar'), attrs: { href: `#/calendar?${row.query ?? ''}` } }),
      remove));
}

async function deleteSearch(row, list) {
  try {
    await api.delete(`/api/searches/${encodeURIComponent(row.id)}`);
  } catch (error) {
    reportError(error);
    return;
  }
  list.querySelector(`.saved-search[data-id="${CSS.escape(String(row.id))}"]`)?.remove();
  if (!list.querySelector('.saved-search')) load(list);
  toast(t('searches.deleted', { name: row.name }), {
    action: {
      label: t('common.undo'),
      run: async () => {
        try {
          await api.post('/api/searches', { name: row.name, query: row.query });
          load(list);
        } catch (error) {
          reportError(error);
        }
      },
    },
  });
}
