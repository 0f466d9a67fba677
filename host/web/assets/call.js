// The call page (#/call/<id>): everything convoca knows about one call, its
// deadlines in Barcelona time and the source's own, where it came from, how
// it changed, similar calls, and the office's pipeline entry for it.

import { api } from './api.js';
import { locale, t } from './i18n.js';
import {
  OFFICE_ZONE, countdown, formatInstant, formatMoney, formatNumber, formatShort, languageName, sdgLabel, urgency,
} from './format.js';
import {
  chips, countdownBadge, el, externalLink, facetLabel, loading, reportError, statusBadge,
} from './render.js';
import { lastSearch, similarItems } from './search.js';
import { pipelineForm } from './pipeline.js';

export function mount(view, route) {
  const id = route.id;
  view.append(loading());
  load(view, id);
  return {};
}

async function load(view, id) {
  let data;
  try {
    data = await api.get(`/api/calls/${encodeURIComponent(id)}`);
  } catch (error) {
    view.replaceChildren(notFound(id, error));
    if (error.status !== 404) reportError(error);
    return;
  }
  const call = callFrom(data);
  document.title = `${call.title || id} · convoca`;
  view.replaceChildren(render(call, data?.changes ?? []));
  const similar = view.querySelector('#similar');
  similar.replaceChildren(...await similarItems(call.id ?? id, 5));
}

// GET /api/calls/{id} gives the hit ("call": status, next deadline, sources...)
// and may give the stored record beside it ("record": text, the source's own
// deadline offsets, analysis); one object with both, the hit's fields winning.
function callFrom(data) {
  const hit = data?.call ?? data ?? {};
  const record = data?.record ?? {};
  const call = { ...record, ...hit, record };
  call.description ??= record.text;
  call.sdg_tags ??= record.analysis?.sdg_tags ?? [];
  return call;
}

function notFound(id, error) {
  return el('section', { className: 'card notice' },
    el('h1', { text: error.status === 404 ? t('call.notFound') : t('error.generic'), attrs: { id: 'call-title', role: 'alert' } }),
    el('p', {}, el('code', { text: id })),
    backLink());
}

function backLink() {
  const hash = lastSearch();
  return hash ? el('a', { className: 'back-link', text: t('call.back'), attrs: { href: hash } }) : null;
}

function note(text) {
  return el('p', { className: 'muted', text });
}

function section(title, ...content) {
  return el('section', { className: 'call-section' }, el('h2', { text: title }), ...content);
}

function paragraphs(text, className = 'prose') {
  const parts = String(text).split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
  return el('div', { className }, parts.map((part) => el('p', { text: part })));
}

function render(call, changes) {
  return el('article', { className: 'call-page' },
    backLink(),
    header(call),
    el('div', { className: 'call-layout' },
      el('div', { className: 'call-main' },
        call.summary ? section(t('call.summary'), paragraphs(call.summary)) : null,
        call.description && call.description !== call.summary
          ? section(t('call.description'), descriptionBlock(call.description)) : null,
        section(t('call.eligibility'), eligibility(call)),
        section(t('call.sdgs'), sdgList(call)),
        section(t('call.keywords'), keywords(call)),
        section(t('call.documents'), documents(call)),
        section(t('call.changes'), changeLog(changes)),
        section(t('call.similar'), el('ol', { className: 'similar-list', attrs: { id: 'similar' } },
          el('li', { className: 'muted', text: t('common.loading') })))),
      el('aside', { className: 'call-side' },
        el('section', { className: 'card side-card' }, el('h2', { text: t('call.deadlines') }),
          deadlineList(call),
          datedNote('call.opening', call.opening, call.opening_time_assumed),
          datedNote('call.published', call.published, true)),
        el('section', { className: 'card side-card' }, el('h2', { text: t('call.budget') }),
          el('p', { className: 'budget-amount', text: formatMoney(call.budget) ?? t('call.noBudget'), attrs: { id: 'call-budget' } })),
        el('section', { className: 'card side-card' }, el('h2', { text: t('call.sources') }), sourceList(call)),
        el('section', { className: 'card side-card' }, el('h2', { text: t('pipeline.title') }), pipelineForm(call)))));
}

function datedNote(key, instant, dayOnly) {
  return instant ? el('p', { className: 'muted', text: t(key, { date: formatInstant(instant, { dayOnly }) }) }) : null;
}

function header(call) {
  const status = el('p', { className: 'call-status', attrs: { id: 'call-status' } }, statusBadge(call.status));
  if (call.next_deadline) status.append(countdownBadge(call.next_deadline));
  const meta = el('p', { className: 'result-meta' });
  if (call.kind) meta.append(el('span', { className: 'meta-item', text: facetLabel('kind', call.kind) }));
  if (call.language) meta.append(el('span', { className: 'meta-item', text: languageName(call.language) }));
  const ids = el('dl', { className: 'id-list', attrs: { id: 'call-ids' } });
  const addId = (label, value) => value && ids.append(el('dt', { text: label }), el('dd', {}, el('code', { text: value })));
  addId(t('call.programme'), call.programme_code);
  addId(t('call.callId'), call.call_id);
  addId(t('call.topicId'), call.topic_id);
  addId(t('call.recordId'), call.id);
  return el('header', { className: 'call-header card' },
    status,
    el('h1', { text: call.title || t('result.untitled'), attrs: { id: 'call-title' } }),
    call.call_title && call.call_title !== call.title ? el('p', { className: 'programme-name', text: call.call_title }) : null,
    call.programme ? el('p', { className: 'programme-name', text: call.programme }) : null,
    meta, ids);
}

// Deadline entries: {at, stage, zone} objects, or the hit's plain instants
// paired with the record's (which keep the source's own offset).
function deadlineEntries(call) {
  const sourceInstants = call.record?.deadlines ?? [];
  return (call.deadlines ?? [])
    .map((entry, index) => (typeof entry === 'string' ? { at: entry, source_at: sourceInstants[index] } : entry))
    .filter((entry) => entry?.at);
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

// The deadline as the source wrote it, when its offset is not Barcelona's at
// that moment: "31 de març del 2027, 17:00 (UTC-04:00)".
function sourceTime(entry, call, dayOnly) {
  const zone = entry.zone || call.timezone || null;
  if (zone) {
    if (zone === OFFICE_ZONE || dayOnly) return null;
    return t('deadline.sourceZone', { time: formatInstant(entry.at, { zone }), zone });
  }
  const source = INSTANT.exec(entry.source_at ?? '');
  const madrid = INSTANT.exec(entry.at);
  if (!source || !madrid || source[6] === madrid[6] || (source[6] === 'Z' && madrid[6] === '+00:00')) return null;
  const [, year, month, day, hour, minute, offset] = source;
  const date = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
  return t('deadline.sourceZone', { time: `${date}, ${hour}:${minute}`, zone: `UTC${offset === 'Z' ? '+00:00' : offset}` });
}

function stageLabel(entry, index, count) {
  if (entry.stage !== undefined && entry.stage !== null && entry.stage !== '') {
    return typeof entry.stage === 'number' ? t('deadline.stage', { stage: entry.stage }) : String(entry.stage);
  }
  return count > 1 ? t('deadline.cutoff', { index: index + 1, count }) : null;
}

// One li per deadline, nothing else in the list (its length is the deadlines').
function deadlineList(call) {
  const entries = deadlineEntries(call);
  const list = el('ul', { className: 'deadline-list', attrs: { id: 'call-deadlines' } });
  const box = el('div', {}, list);
  if (!entries.length) {
    box.append(el('p', { className: 'muted', text: t('deadline.none') }));
    return box;
  }
  const dayOnly = Boolean(call.deadlines_time_assumed);
  entries.forEach((entry, index) => {
    const item = el('li', { className: `deadline-item deadline-${urgency(entry.at)}` },
      stageLabel(entry, index, entries.length) ? el('span', { className: 'deadline-stage', text: stageLabel(entry, index, entries.length) }) : null,
      el('strong', { className: 'deadline-madrid', text: formatInstant(entry.at) }),
      el('span', { className: `countdown countdown-${urgency(entry.at)}`, text: countdown(entry.at) }));
    if (entry.at === call.next_deadline) item.classList.add('next');
    const own = sourceTime(entry, call, dayOnly);
    if (own) item.append(el('span', { className: 'deadline-source-zone', text: own }));
    list.append(item);
  });
  if (dayOnly) box.append(el('p', { className: 'muted small', text: t('deadline.timeAssumed') }));
  return box;
}

function eligibility(call) {
  const box = el('div', { attrs: { id: 'call-eligibility' } });
  const text = typeof call.eligibility === 'string' ? call.eligibility : null;
  if (text) box.append(paragraphs(text));
  const entities = call.eligible_entities ?? [];
  const places = call.eligible_countries ?? [];
  if (entities.length) box.append(el('h3', { text: t('call.entities') }), chips(entities));
  if (places.length) box.append(el('h3', { text: t('call.places') }), chips(places));
  if (!box.childElementCount) box.append(note(t('call.noEligibility')));
  return box;
}

function whyText(why) {
  if (Array.isArray(why)) return why.join(', ');
  return why ? String(why) : '';
}

// ul#call-sdgs holds convoca's tags (one li each, with why); the SDGs the
// source itself gave follow outside the list.
function sdgList(call) {
  const list = el('ul', { className: 'sdg-list', attrs: { id: 'call-sdgs' } });
  const box = el('div', {}, list);
  for (const tag of call.sdg_tags ?? []) {
    const item = el('li', { className: 'sdg-item' },
      el('span', { className: `sdg-badge sdg-${Number(tag.goal)}`, text: sdgLabel(tag.goal) }));
    const why = whyText(tag.why);
    if (why) item.append(el('span', { className: 'sdg-why', text: t('call.sdgWhy', { why }) }));
    if (typeof tag.score === 'number') {
      const score = formatNumber(tag.score, { maximumFractionDigits: 2 });
      item.append(el('span', { className: 'muted small', text: t('call.sdgScore', { score }) }));
    }
    list.append(item);
  }
  const given = (call.sdgs ?? []).map(Number).filter((goal) => goal >= 1 && goal <= 17);
  if (given.length) {
    box.append(el('p', { className: 'sdg-given' }, el('span', { className: 'muted small', text: t('call.sdgGiven') }), ' ',
      chips(given.map((goal) => sdgLabel(goal)))));
  }
  if (!list.childElementCount && !given.length) box.append(el('p', { className: 'muted', text: t('call.noSdgs') }));
  return box;
}

function keywords(call) {
  const words = [...new Set([...(call.keywords ?? []), ...(call.tags ?? [])])];
  const box = el('div', { attrs: { id: 'call-keywords' } });
  box.append(words.length ? chips(words) : note(t('call.noKeywords')));
  if (call.action_types?.length) box.append(el('h3', { text: t('call.actionTypes') }), chips(call.action_types));
  if (call.priorities?.length) box.append(el('h3', { text: t('call.priorities') }), chips(call.priorities));
  return box;
}

function documents(call) {
  const list = el('ul', { className: 'link-list', attrs: { id: 'call-documents' } });
  for (const doc of call.documents ?? []) {
    const url = typeof doc === 'string' ? doc : doc?.url;
    const title = typeof doc === 'string' ? null : doc?.title;
    list.append(el('li', {}, externalLink(url, title || url)));
  }
  if (!list.childElementCount) list.append(el('li', { className: 'muted', text: t('call.noDocuments') }));
  return list;
}

function sourceList(call) {
  const list = el('ul', { className: 'link-list', attrs: { id: 'call-sources' } });
  const sources = call.sources?.length ? call.sources : [{ source: call.source, id: call.id, url: call.url }];
  for (const ref of sources) {
    list.append(el('li', { className: 'source-item' },
      el('strong', { text: ref.source }),
      ref.id ? el('code', { className: 'small', text: ref.id }) : null,
      ref.url ? externalLink(ref.url, t('call.openAtSource')) : null));
  }
  if (call.fetched_at) list.append(el('li', { className: 'muted small', text: t('call.fetched', { date: formatShort(call.fetched_at) }) }));
  return list;
}

function descriptionBlock(text) {
  const body = paragraphs(text);
  if (String(text).length < 1200) return body;
  return el('details', { className: 'long-text' }, el('summary', { text: t('call.readAll') }), body);
}

// A change's before/after is the field's JSON text: show strings and lists plainly.
function valueText(value) {
  if (value === null || value === undefined || value === '') return '—';
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (typeof parsed === 'string') return parsed;
  if (Array.isArray(parsed) && parsed.every((item) => typeof item !== 'object')) return parsed.join(', ');
  return JSON.stringify(parsed);
}

function changeLog(changes) {
  const box = el('div', { attrs: { id: 'call-changes' } });
  if (!changes.length) {
    box.append(note(t('call.noChanges')));
    return box;
  }
  const rows = changes.map((change) => el('tr', {},
    el('td', { text: formatShort(change.changed_at) }),
    el('td', {}, el('code', { text: change.field ?? '' })),
    el('td', { className: 'change-before', text: valueText(change.before) }),
    el('td', { className: 'change-after', text: valueText(change.after) }),
    el('td', { text: change.source ?? '' })));
  const region = { tabindex: '0', role: 'region', 'aria-label': t('call.changes') };
  box.append(el('div', { className: 'table-wrap', attrs: region }, el('table', { className: 'data-table' },
    el('caption', { className: 'visually-hidden', text: t('call.changes') }),
    el('thead', {}, el('tr', {}, ['call.changedAt', 'call.field', 'call.before', 'call.after', 'call.source']
      .map((key) => el('th', { text: t(key), attrs: { scope: 'col' } })))),
    el('tbody', {}, rows))));
  return box;
}
