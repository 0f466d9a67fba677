// The deadline calendar (#/calendar?view=week|month&q=..): upcoming deadlines
// grouped by week or month, filterable like search, with its ICS feed and CSV.

import { api, apiUrl, feedUrl, isMissingRoute, rowsOf } from './api.js';
import { has, t, tCount } from './i18n.js';
import {
  capitalise, dayFromNumber, dayNumber, dayParts, formatDay, formatMonth, formatTime, madridDay, today,
} from './format.js';
import {
  button, callHref, countdownBadge, debounce, el, emptyState, facetLabel, field, loading, pageHeader, reportError,
  statusBadge,
} from './render.js';
import { buildHash, go } from './router.js';
import { searchParams, stateFromParams } from './search.js';

const LIMIT = 500;
const FILTER_NAMES = ['status', 'programme', 'sdg', 'source', 'language', 'kind', 'country', 'keyword', 'call',
  'topic', 'entity', 'tag', 'priority', 'action', 'id'];

function calendarState(params) {
  return { ...stateFromParams(params), by: params.get('view') === 'month' ? 'month' : 'week' };
}

function hashOf(state) {
  const params = searchParams({ ...state, sort: 'relevance' });
  if (state.by === 'month') params.push(['view', 'month']);
  return buildHash('#/calendar', params);
}

export function mount(view, route) {
  let state = calendarState(route.params);
  let inFlight = null;

  const q = el('input', { attrs: { id: 'calendar-q', type: 'search', name: 'q', autocomplete: 'off' } });
  const from = el('input', { attrs: { id: 'calendar-from', type: 'date', name: 'deadline_from' } });
  const to = el('input', { attrs: { id: 'calendar-to', type: 'date', name: 'deadline_to' } });
  const byWeek = button(t('calendar.byWeek'), { className: 'segment', attrs: { id: 'calendar-by-week' } });
  const byMonth = button(t('calendar.byMonth'), { className: 'segment', attrs: { id: 'calendar-by-month' } });
  const ics = el('a', { className: 'button', text: t('export.ics'), attrs: { id: 'calendar-ics', download: '' } });
  const csv = el('a', { className: 'button', text: t('export.csv'), attrs: { id: 'calendar-csv', download: '' } });
  const activeFilters = el('p', { className: 'active-filters' });
  const count = el('p', { className: 'result-count', attrs: { 'aria-live': 'polite', role: 'status' } });
  const calendar = el('div', { className: 'calendar', attrs: { id: 'calendar' } });

  view.append(
    pageHeader(t('calendar.title'), { subtitle: t('calendar.subtitle'), actions: [ics, csv] }),
    el('form', { className: 'filter-bar card', attrs: { role: 'search', id: 'calendar-filters' } },
      field(t('calendar.filter'), q), field(t('filters.from'), from), field(t('filters.to'), to),
      el('div', { className: 'segmented', attrs: { role: 'group', 'aria-label': t('calendar.viewLabel') } }, byWeek, byMonth)),
    activeFilters, count, calendar);

  const navigate = (next, options) => go(hashOf(next), options);
  q.addEventListener('input', debounce(() => navigate({ ...state, q: q.value.trim() }, { replace: true }), 350));
  q.form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate({ ...state, q: q.value.trim() });
  });
  from.addEventListener('change', () => navigate({ ...state, ranges: { ...state.ranges, deadline_from: from.value } }));
  to.addEventListener('change', () => navigate({ ...state, ranges: { ...state.ranges, deadline_to: to.value } }));
  byWeek.addEventListener('click', () => navigate({ ...state, by: 'week' }));
  byMonth.addEventListener('click', () => navigate({ ...state, by: 'month' }));

  function sync() {
    if (document.activeElement !== q) q.value = state.q;
    from.value = state.ranges.deadline_from;
    to.value = state.ranges.deadline_to;
    byWeek.setAttribute('aria-pressed', String(state.by === 'week'));
    byMonth.setAttribute('aria-pressed', String(state.by === 'month'));
    const params = searchParams(state, { withSort: false });
    ics.href = feedUrl('/api/calendar.ics', params);
    csv.href = apiUrl('/api/calendar', [...params, ['format', 'csv']]);
    renderActiveFilters();
  }

  // Filters that came from search (programme, status...) stay visible and removable.
  function renderActiveFilters() {
    const items = FILTER_NAMES.flatMap((name) => state.filters[name].map((value) => {
      const remove = button(`${has(`facet.${name}`) ? t(`facet.${name}`) : name}: ${facetLabel(name, value)} ×`, {
        className: 'chip removable', attrs: { 'aria-label': t('filters.remove', { value: facetLabel(name, value) }) },
      });
      const rest = state.filters[name].filter((v) => v !== value);
      remove.addEventListener('click', () => navigate({ ...state, filters: { ...state.filters, [name]: rest } }));
      return remove;
    }));
    activeFilters.hidden = items.length === 0;
    activeFilters.replaceChildren(...items);
  }

  async function load() {
    sync();
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    if (!calendar.childElementCount) calendar.append(loading());
    let events;
    try {
      events = await fetchEvents(state, controller.signal);
    } catch (error) {
      if (error.name === 'AbortError') return;
      calendar.replaceChildren(emptyState(error.status === 400 ? t('error.query', { message: error.message }) : t('error.generic')));
      if (error.status !== 400) reportError(error);
      return;
    }
    count.textContent = tCount('calendar.count', events.length);
    calendar.replaceChildren(...(events.length ? groups(events, state.by) : [emptyState(t('calendar.none'))]));
  }

  load();
  return {
    update(next) {
      state = calendarState(next.params);
      load();
      return true;
    },
    unmount() {
      inFlight?.abort();
    },
  };
}

async function fetchEvents(state, signal) {
  const params = [...searchParams(state, { withSort: false }), ['limit', String(LIMIT)]];
  try {
    return rowsOf(await api.get('/api/calendar', params, { signal }));
  } catch (error) {
    if (!isMissingRoute(error)) throw error;
    return eventsFromSearch(state, signal); // until /api/calendar exists
  }
}

// The same list built from search hits: every deadline inside the range.
async function eventsFromSearch(state, signal) {
  const first = state.ranges.deadline_from || today();
  const last = state.ranges.deadline_to || dayFromNumber(dayNumber(first) + 365);
  const params = [...searchParams({ ...state, sort: 'deadline', ranges: { ...state.ranges, deadline_from: first, deadline_to: last } }),
    ['limit', '100']];
  const data = await api.get('/api/search', params, { signal });
  const events = [];
  for (const hit of data.results ?? []) {
    const deadlines = hit.deadlines ?? [];
    deadlines.forEach((at, index) => {
      const day = madridDay(at);
      if (day < first || day > last) return;
      events.push({ record_id: hit.id, title: hit.title, programme: hit.programme_code || hit.programme, deadline: at,
        stage: index + 1, stages: deadlines.length, status: hit.status, url: hit.url });
    });
  }
  return events.sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
}

// Monday of the Barcelona day's week, as a day number.
function weekStart(day) {
  const number = dayNumber(day);
  const weekday = (new Date(number * 86400000).getUTCDay() + 6) % 7; // Monday = 0
  return number - weekday;
}

function groups(events, by) {
  const buckets = new Map();
  for (const event of events) {
    const day = madridDay(event.deadline);
    if (!day) continue;
    const key = by === 'week' ? dayFromNumber(weekStart(day)) : day.slice(0, 7);
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key).push(event);
  }
  return [...buckets.entries()].map(([key, items]) => {
    const heading = by === 'week'
      ? t('calendar.week', { from: formatDay(key, 'dayMonth'), to: formatDay(dayFromNumber(dayNumber(key) + 6), 'long') })
      : capitalise(formatMonth(key));
    return el('section', { className: `calendar-group calendar-${by}`, attrs: { 'data-key': key } },
      el('h2', {}, el('span', { text: heading }),
        el('span', { className: 'column-count', text: String(items.length) })),
      el('ol', { className: 'calendar-events' }, items.map(eventItem)));
  });
}

function dateBadge(day) {
  const parts = dayParts(day);
  return el('div', { className: 'event-date' },
    el('span', { className: 'event-weekday', text: parts.weekday }),
    el('span', { className: 'event-day', text: parts.day }),
    el('span', { className: 'event-month', text: parts.month }));
}

// One compact row per deadline: the day badge, the title, then the time in
// Barcelona, the countdown and what the call is.
function eventItem(event) {
  const day = madridDay(event.deadline);
  return el('li', { className: 'calendar-event card' },
    dateBadge(day),
    el('div', { className: 'event-body' },
      el('h3', {}, el('a', { text: event.title || event.record_id, attrs: { href: callHref(event.record_id) } })),
      el('p', { className: 'result-meta' },
        el('strong', { className: 'event-time', text: formatTime(event.deadline) }),
        countdownBadge(event.deadline), statusBadge(event.status),
        event.programme ? el('span', { className: 'meta-item', text: event.programme }) : null,
        stageText(event) ? el('span', { className: 'meta-item', text: stageText(event) }) : null)));
}

// "Termini 2 de 3" when the call has several deadlines (stages or cut-offs).
function stageText(event) {
  if (typeof event.stage === 'number') {
    return (event.stages ?? 1) > 1 ? t('deadline.cutoff', { index: event.stage, count: event.stages }) : null;
  }
  return event.stage ? String(event.stage) : null;
}
