// Search: one box, facets, ranges, sort, pages. The hash holds the whole
// state (#/search?q=..&programme=..&page=2), so every view can be shared and
// the back button returns to it; typing searches as you go.

import { api, apiUrl, canEdit, feedUrl, isMissingRoute, rowsOf } from './api.js';
import { t, tCount } from './i18n.js';
import { facetGroup, monthRange } from './facets.js';
import {
  button, callHref, debounce, deadlineLine, el, emptyState, externalLink, facetLabel, field, reportError, safeSnippet,
  select, statusBadge, toast,
} from './render.js';
import { formatMoney } from './format.js';
import { buildHash, go } from './router.js';

const FACETS = ['status', 'programme', 'sdg', 'deadline_month', 'source', 'language', 'kind'];
// Filters the API accepts (repeatable); facets plus those only reachable by URL.
const FILTERS = ['status', 'programme', 'sdg', 'source', 'language', 'kind', 'country', 'keyword', 'call',
  'topic', 'entity', 'tag', 'priority', 'action', 'id'];
const RANGES = ['deadline_from', 'deadline_to', 'budget_min', 'budget_max', 'posted_within_days'];
const SORTS = ['relevance', 'deadline', 'newest'];
const POSTED = ['', '1', '7', '30', '90', '365'];
const PAGE_SIZE = 20;
const HELP_EXAMPLES = [
  ['habitatge social', 'help.words'], ['"economia circular"', 'help.phrase'], ['clima OR adaptació', 'help.or'],
  ['mobilitat NOT vehicle', 'help.not'], ['urba*', 'help.wildcard'], ['title:habitatge', 'help.titleField'],
  ['programme:horizon', 'help.programme'], ['id:HORIZON-CL5-2027-D4-01', 'help.id'], ['sdg:11', 'help.sdg'],
  ['status:open', 'help.status'], ['budget:100000..', 'help.budget'],
];

// The last search, so the call page can offer "back to the results".
let lastSearchHash = null;
export function lastSearch() {
  return lastSearchHash;
}

export function stateFromParams(params) {
  const sort = params.get('sort');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    filters: Object.fromEntries(FILTERS.map((name) => [name, params.getAll(name)])),
    ranges: Object.fromEntries(RANGES.map((name) => [name, params.get(name) ?? ''])),
    sort: SORTS.includes(sort) ? sort : 'relevance',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

// The API's parameters for a state, without paging: also the saved-search
// query, the CSV export and the calendar's filters.
export function searchParams(state, { withSort = true } = {}) {
  const params = [];
  if (state.q) params.push(['q', state.q]);
  for (const name of FILTERS) for (const value of state.filters[name]) params.push([name, value]);
  for (const name of RANGES) if (state.ranges[name]) params.push([name, state.ranges[name]]);
  if (withSort && state.sort !== 'relevance') params.push(['sort', state.sort]);
  return params;
}

function hashOf(state) {
  const params = searchParams(state);
  if (state.page > 1) params.push(['page', String(state.page)]);
  return buildHash('#/search', params);
}

export function mount(view, route) {
  let state = stateFromParams(route.params);
  let inFlight = null;
  let last = null;

  const input = el('input', {
    attrs: { id: 'search-input', name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false',
      placeholder: t('search.placeholder') },
  });
  const helpToggle = button(t('search.help'), {
    className: 'button ghost', attrs: { id: 'query-help-toggle', 'aria-expanded': 'false', 'aria-controls': 'query-help' },
  });
  const help = el('div', { className: 'query-help', attrs: { id: 'query-help', hidden: true } },
    el('h2', { text: t('help.title') }),
    el('p', { text: t('help.intro') }),
    el('dl', {}, HELP_EXAMPLES.map(([example, key]) => [el('dt', {}, el('code', { text: example })), el('dd', { text: t(key) })])));
  const suggestion = el('p', { className: 'suggestion', attrs: { id: 'suggestion', hidden: true } });
  const form = el('form', { className: 'search-form', attrs: { id: 'search-form', role: 'search' } },
    el('label', { className: 'search-label', text: t('search.label'), attrs: { for: 'search-input' } }),
    el('div', { className: 'search-row' }, input,
      el('button', { className: 'button primary', text: t('search.submit'), attrs: { type: 'submit' } }), helpToggle),
    help, suggestion);

  const dateFrom = el('input', { attrs: { id: 'deadline-from', type: 'date', name: 'deadline_from' } });
  const dateTo = el('input', { attrs: { id: 'deadline-to', type: 'date', name: 'deadline_to' } });
  const budgetMin = el('input', { attrs: { id: 'budget-min', type: 'number', min: '0', step: '1000', name: 'budget_min', inputmode: 'numeric' } });
  const budgetMax = el('input', { attrs: { id: 'budget-max', type: 'number', min: '0', step: '1000', name: 'budget_max', inputmode: 'numeric' } });
  const postedOptions = POSTED.map((days) => [days, days ? tCount('posted.days', Number(days)) : t('posted.any')]);
  const posted = select('posted_within_days', postedOptions, { id: 'posted-within' });
  const facets = el('div', { attrs: { id: 'facets' } });
  const clear = button(t('filters.clear'), { className: 'link-button', attrs: { hidden: true } });
  // The h2 keeps the heading levels in order (h1 > h2 > the facets' h3) for screen reader navigation.
  const filters = el('aside', { className: 'filters', attrs: { 'aria-labelledby': 'filters-heading' } },
    el('h2', { className: 'visually-hidden', text: t('filters.title'), attrs: { id: 'filters-heading' } }),
    el('details', { className: 'filters-panel', attrs: { open: window.matchMedia('(min-width: 56rem)').matches } },
      el('summary', {}, el('span', { text: t('filters.title') })),
      clear, facets,
      el('fieldset', { className: 'ranges' }, el('legend', { text: t('filters.deadline') }),
        field(t('filters.from'), dateFrom), field(t('filters.to'), dateTo)),
      el('fieldset', { className: 'ranges' }, el('legend', { text: t('filters.budget') }),
        field(t('filters.min'), budgetMin), field(t('filters.max'), budgetMax)),
      field(t('filters.posted'), posted)));

  const count = el('p', { className: 'result-count', attrs: { id: 'result-count', 'aria-live': 'polite', role: 'status' } });
  const sort = select('sort', SORTS.map((name) => [name, t(`sort.${name}`)]), { id: 'sort' });
  const save = button(t('search.save'), { className: 'button', attrs: { id: 'save-search' } });
  const csv = el('a', { className: 'button', text: t('export.csv'), attrs: { id: 'export-csv', download: '' } });
  const ics = el('a', { className: 'button', text: t('export.ics'), attrs: { id: 'search-ics', download: '' } });
  const results = el('ol', { className: 'results', attrs: { id: 'results', 'aria-label': t('results.label') } });
  const pagination = el('nav', { className: 'pagination', attrs: { 'aria-label': t('pagination.label'), hidden: true } });

  view.append(el('h1', { className: 'visually-hidden', text: t('search.title') }), form,
    el('div', { className: 'search-layout' }, filters,
      el('section', { className: 'results-area', attrs: { 'aria-label': t('results.label') } },
        el('div', { className: 'toolbar' }, count,
          el('div', { className: 'toolbar-actions' },
            el('label', { className: 'inline-field', attrs: { for: 'sort' } }, el('span', { text: t('sort.label') })), sort,
            save, csv, ics)),
        results, pagination)));

  const navigate = (next, { replace = false } = {}) => go(hashOf(next), { replace });
  const withFilters = (changes) => ({ ...state, ...changes, page: 1 });

  const isSelected = (facet, value) => {
    if (facet !== 'deadline_month') return state.filters[facet]?.includes(value) ?? false;
    const { from, to } = monthRange(value);
    return state.ranges.deadline_from === from && state.ranges.deadline_to === to;
  };
  const onToggle = (facet, value) => {
    if (facet === 'deadline_month') {
      const { from, to } = isSelected(facet, value) ? { from: '', to: '' } : monthRange(value);
      navigate(withFilters({ ranges: { ...state.ranges, deadline_from: from, deadline_to: to } }));
      return;
    }
    const values = state.filters[facet];
    const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
    navigate(withFilters({ filters: { ...state.filters, [facet]: next } }));
  };

  function syncControls() {
    if (document.activeElement !== input) input.value = state.q;
    sort.value = state.sort;
    dateFrom.value = state.ranges.deadline_from;
    dateTo.value = state.ranges.deadline_to;
    budgetMin.value = state.ranges.budget_min;
    budgetMax.value = state.ranges.budget_max;
    posted.value = POSTED.includes(state.ranges.posted_within_days) ? state.ranges.posted_within_days : '';
    csv.href = apiUrl('/api/search', [...searchParams(state), ['format', 'csv']]);
    ics.href = feedUrl('/api/calendar.ics', searchParams(state, { withSort: false }));
    save.hidden = !canEdit();
    clear.hidden = !FILTERS.some((name) => state.filters[name].length) && !RANGES.some((name) => state.ranges[name]);
  }

  async function run() {
    syncControls();
    lastSearchHash = hashOf(state);
    inFlight?.abort(); // a newer search makes the older answer useless
    const controller = new AbortController();
    inFlight = controller;
    results.setAttribute('aria-busy', 'true');
    if (!last) count.textContent = t('results.loading');
    const params = [...searchParams(state), ['offset', String((state.page - 1) * PAGE_SIZE)], ['limit', String(PAGE_SIZE)]];
    try {
      last = await api.get('/api/search', params, { signal: controller.signal });
      renderAll();
    } catch (error) {
      if (error.name === 'AbortError') return;
      last = null;
      results.replaceChildren();
      count.textContent = error.status === 400 ? t('error.query', { message: error.message }) : t('error.generic');
      if (error.status !== 400) reportError(error);
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        results.removeAttribute('aria-busy');
      }
    }
  }

  function renderAll() {
    if (!last) return;
    count.textContent = last.query
      ? tCount('results.countFor', last.total, { query: last.query })
      : tCount('results.count', last.total);
    renderSuggestion();
    const items = last.results.length ? last.results.map(resultItem) : [el('li', { className: 'empty' }, emptyState(t('results.none')))];
    results.replaceChildren(...items);
    facets.replaceChildren(...FACETS.filter((facet) => last.facets?.[facet] || facet === 'status')
      .map((facet) => facetGroup(facet, last.facets?.[facet] ?? [], { isSelected, onToggle })));
    renderPagination();
  }

  function renderSuggestion() {
    const corrected = last.suggestion;
    suggestion.hidden = !corrected;
    if (!corrected) return suggestion.replaceChildren();
    suggestion.replaceChildren(el('span', { text: t('search.didYouMean') }), ' ',
      el('a', { text: corrected, attrs: { href: hashOf({ ...state, q: corrected, page: 1 }) } }), '?');
  }

  function renderPagination() {
    const pages = Math.max(1, Math.ceil(last.total / PAGE_SIZE));
    pagination.hidden = pages <= 1;
    const goTo = (page) => () => { navigate({ ...state, page }); window.scrollTo({ top: 0 }); };
    pagination.replaceChildren(
      button(t('pagination.previous'), { attrs: { disabled: state.page <= 1 }, onClick: goTo(state.page - 1) }),
      el('span', { text: t('pagination.page', { page: state.page, pages }) }),
      button(t('pagination.next'), { attrs: { disabled: state.page >= pages }, onClick: goTo(state.page + 1) }));
  }

  const typed = debounce(() => {
    const q = input.value.trim();
    if (q !== state.q) navigate(withFilters({ q }), { replace: true });
  }, 350);
  input.addEventListener('input', typed);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (q !== state.q) {
      // A new query: the old list goes at once, so nothing stale can be read or clicked.
      results.replaceChildren();
      count.textContent = t('results.loading');
      last = null;
    }
    navigate(withFilters({ q }));
  });
  helpToggle.addEventListener('click', () => {
    help.hidden = !help.hidden;
    helpToggle.setAttribute('aria-expanded', String(!help.hidden));
  });
  sort.addEventListener('change', () => navigate({ ...state, sort: sort.value, page: 1 }));
  const rangeChanged = (name, control) => () => navigate(withFilters({ ranges: { ...state.ranges, [name]: control.value } }));
  dateFrom.addEventListener('change', rangeChanged('deadline_from', dateFrom));
  dateTo.addEventListener('change', rangeChanged('deadline_to', dateTo));
  budgetMin.addEventListener('change', rangeChanged('budget_min', budgetMin));
  budgetMax.addEventListener('change', rangeChanged('budget_max', budgetMax));
  posted.addEventListener('change', rangeChanged('posted_within_days', posted));
  // Enter in a range field applies it at once (change fires only on blur in some browsers).
  for (const [name, control] of [['budget_min', budgetMin], ['budget_max', budgetMax]]) {
    control.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && control.value !== state.ranges[name]) rangeChanged(name, control)();
    });
  }
  clear.addEventListener('click', () => navigate(withFilters({
    filters: Object.fromEntries(FILTERS.map((name) => [name, []])),
    ranges: Object.fromEntries(RANGES.map((name) => [name, ''])),
  })));
  save.addEventListener('click', () => saveSearch(state));

  run();
  return {
    update(next) {
      state = stateFromParams(next.params);
      run();
      return true;
    },
    unmount() {
      inFlight?.abort();
    },
  };
}

// One result card. The title opens convoca's call page; the source's own page
// is one click further, on the card.
export function resultItem(hit) {
  const item = el('li', { className: 'result card' });
  const meta = el('p', { className: 'result-meta' }, statusBadge(hit.status, 'result-status'));
  if (hit.kind) meta.append(el('span', { className: 'meta-item', text: facetLabel('kind', hit.kind) }));
  if (hit.programme_code || hit.programme) {
    meta.append(el('span', { className: 'meta-item', text: hit.programme_code || hit.programme, attrs: { title: hit.programme ?? '' } }));
  }
  const code = hit.topic_id || hit.call_id;
  if (code) meta.append(el('code', { className: 'meta-item identifier', text: code }));
  item.append(meta,
    el('h2', { className: 'result-heading' },
      el('a', { className: 'result-title', text: hit.title || t('result.untitled'), attrs: { href: callHref(hit.id) } })),
    deadlineLine(hit, 'result-deadline'));
  if (hit.snippet_html) item.append(el('p', { className: 'result-snippet' }, safeSnippet(hit.snippet_html)));

  const footer = el('div', { className: 'result-footer' });
  const money = formatMoney(hit.budget);
  if (money) footer.append(el('span', { className: 'meta-item', text: t('result.budget', { amount: money }) }));
  const sources = (hit.sources?.length ? hit.sources : [{ source: hit.source, url: hit.url }]);
  footer.append(el('span', { className: 'meta-item' }, t('result.source'), ' ',
    ...sources.flatMap((ref, index) => [index ? ', ' : '', externalLink(ref.url, ref.source)])));
  const similarId = `similar-${Math.random().toString(36).slice(2, 9)}`;
  const similarList = el('ol', { className: 'similar-list', attrs: { id: similarId, hidden: true, 'aria-label': t('similar.title') } });
  const toggle = button(t('similar.show'), {
    className: 'link-button similar-toggle', attrs: { 'aria-expanded': 'false', 'aria-controls': similarId },
  });
  toggle.addEventListener('click', () => toggleSimilar(hit.id, toggle, similarList));
  footer.append(toggle);
  item.append(footer, similarList);
  return item;
}

async function toggleSimilar(id, toggle, list) {
  const opening = list.hidden;
  list.hidden = !opening;
  toggle.setAttribute('aria-expanded', String(opening));
  toggle.textContent = t(opening ? 'similar.hide' : 'similar.show');
  if (!opening || list.dataset.loaded) return;
  list.replaceChildren(el('li', { className: 'muted', text: t('common.loading') }));
  list.dataset.loaded = 'true';
  list.replaceChildren(...await similarItems(id));
}

// The similar calls of `id` as list items (also the call page's "similar").
export async function similarItems(id, limit = 5) {
  try {
    const data = await api.get(`/api/calls/${encodeURIComponent(id)}/similar`, { limit });
    const rows = rowsOf(data);
    if (!rows.length) return [el('li', { className: 'muted', text: t('similar.none') })];
    return rows.map((hit) => el('li', { className: 'similar-item' },
      statusBadge(hit.status), ' ',
      el('a', { text: hit.title || t('result.untitled'), attrs: { href: callHref(hit.id) } }),
      hit.programme_code ? el('span', { className: 'muted', text: ` · ${hit.programme_code}` }) : null));
  } catch (error) {
    if (!isMissingRoute(error)) reportError(error);
    return [el('li', { className: 'muted', text: isMissingRoute(error) ? t('common.notAvailable') : t('error.generic') })];
  }
}

// Names the current search and stores it (POST /api/searches).
function saveSearch(state) {
  const dialog = el('dialog', { className: 'dialog', attrs: { 'aria-labelledby': 'save-search-title' } });
  const name = el('input', { attrs: { id: 'save-search-name', name: 'name', required: true, maxlength: '200' } });
  name.value = state.q;
  const form = el('form', { attrs: { method: 'dialog' } },
    el('h2', { text: t('save.title'), attrs: { id: 'save-search-title' } }),
    field(t('save.name'), name, { hint: t('save.hint') }),
    el('div', { className: 'form-actions' },
      el('button', { className: 'button primary', text: t('save.submit'), attrs: { type: 'submit', id: 'save-search-submit' } }),
      button(t('common.cancel'), { onClick: () => dialog.close() })));
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!name.value.trim()) return name.focus();
    const query = new URLSearchParams(searchParams(state)).toString();
    try {
      await api.post('/api/searches', { name: name.value.trim(), query });
      dialog.close();
      toast(t('save.done', { name: name.value.trim() }), { action: { label: t('save.open'), run: () => go('#/searches') } });
    } catch (error) {
      reportError(isMissingRoute(error) ? { status: 404, message: t('common.notAvailable') } : error);
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  name.focus();
}
