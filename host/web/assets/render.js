// Turns API responses into DOM nodes. Data only ever reaches the page through
// textContent, attributes set one by one, or safeSnippet(); never as markup.

import { has, locale, t } from './i18n.js';

// el('a', { className: 'x', text: 'y', attrs: { href } }, child, ...)
export function el(tag, { className, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// Only http(s) URLs become links: javascript:, data: and the like stay text.
export function safeHref(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// The server escapes the snippet and wraps matches in <mark>. Parse it in an
// inert document and rebuild it from text nodes and <mark> elements only, so
// nothing else can reach the page even if the markup were not what we expect.
export function safeSnippet(html) {
  const parsed = new DOMParser().parseFromString(html ?? '', 'text/html');
  const fragment = document.createDocumentFragment();
  for (const node of parsed.body.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === 'MARK') {
      fragment.append(el('mark', { text: node.textContent }));
    } else {
      fragment.append(document.createTextNode(node.textContent ?? ''));
    }
  }
  return fragment;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

// The server sends instants with Europe/Madrid's offset; show that wall time
// and the offset as given, so the page reads the same on any computer.
export function formatInstant(instant) {
  const match = INSTANT.exec(instant ?? '');
  if (!match) return instant ?? '';
  const [, year, month, day, hour, minute, zone] = match;
  const date = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
  const offset = zone === 'Z' ? '+00:00' : zone;
  return t('time.instant', { date, time: `${hour}:${minute}`, offset });
}

function daysFromNow(instant) {
  const days = Math.round((Date.parse(instant) - Date.now()) / 86400000);
  if (Number.isNaN(days)) return '';
  return new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(days, 'day');
}

function formatMoney(budget) {
  if (!budget || typeof budget.amount !== 'number') return null;
  try {
    return new Intl.NumberFormat(locale(), {
      style: 'currency', currency: budget.currency || 'EUR', maximumFractionDigits: 0,
    }).format(budget.amount);
  } catch {
    return `${new Intl.NumberFormat(locale()).format(budget.amount)} ${budget.currency ?? ''}`.trim();
  }
}

// How a facet value reads: statuses and kinds translated, languages named in
// the UI's language, everything else as the source spells it.
export function facetLabel(facet, value) {
  if ((facet === 'status' || facet === 'kind') && has(`${facet}.${value}`)) return t(`${facet}.${value}`);
  if (facet === 'language') {
    try {
      return new Intl.DisplayNames([locale()], { type: 'language' }).of(value) ?? value;
    } catch {
      return value;
    }
  }
  return value;
}

function statusBadge(status) {
  const known = ['open', 'forthcoming', 'closed'].includes(status) ? status : 'unknown';
  return el('span', { className: `badge status-${known}`, text: facetLabel('status', known) });
}

function titleNode(hit) {
  const title = hit.title || t('result.untitled');
  const href = safeHref(hit.url);
  if (!href) return el('span', { text: title });
  return el('a', { text: title, attrs: { href, rel: 'noopener noreferrer', target: '_blank' } });
}

// The call's own identifier: the topic's when it is one, else the call's.
function identifier(hit) {
  return hit.topic_id || hit.call_id || null;
}

function metaLine(hit) {
  const line = el('p', { className: 'result-meta' }, statusBadge(hit.status));
  if (hit.kind) line.append(el('span', { className: 'meta-item', text: facetLabel('kind', hit.kind) }));
  if (hit.programme) line.append(el('span', { className: 'meta-item', text: hit.programme }));
  const id = identifier(hit);
  if (id) line.append(el('code', { className: 'meta-item identifier', text: id }));
  line.append(el('span', { className: 'meta-item source', text: hit.source }));
  // The same call found through other sources (one result, every source listed).
  const others = (hit.sources ?? []).slice(1).map((ref) => ref.source);
  if (others.length > 0)
    line.append(el('span', { className: 'meta-item source', text: t('result.alsoIn', { sources: others.join(', ') }) }));
  return line;
}

function deadlineLine(hit) {
  if (!hit.next_deadline) {
    const deadlines = hit.deadlines ?? [];
    const text = deadlines.length > 0
      ? t('result.closedOn', { date: formatInstant(deadlines[deadlines.length - 1]) })
      : t('result.noDeadline');
    return el('p', { className: 'result-deadline muted', text });
  }
  const line = el('p', { className: 'result-deadline' },
    el('strong', { text: t('result.nextDeadline', { date: formatInstant(hit.next_deadline) }) }),
    el('span', { className: 'relative', text: ` · ${daysFromNow(hit.next_deadline)}` }));
  if (hit.deadlines_time_assumed) line.append(el('span', { className: 'muted', text: ` · ${t('result.timeAssumed')}` }));
  return line;
}

function detailsLine(hit) {
  const details = [];
  if ((hit.deadlines ?? []).length > 1) {
    details.push(t('result.allDeadlines', { dates: hit.deadlines.map(formatInstant).join(' · ') }));
  }
  if (hit.opening) details.push(t('result.opening', { date: formatInstant(hit.opening) }));
  const money = formatMoney(hit.budget);
  if (money) details.push(t('result.budget', { amount: money }));
  if (details.length === 0) return null;
  return el('p', { className: 'result-details' }, ...details.map((text) => el('span', { text })));
}

export function resultItem(hit) {
  return el('li', { className: 'result' },
    el('h2', { className: 'result-title' }, titleNode(hit)),
    metaLine(hit),
    deadlineLine(hit),
    detailsLine(hit),
    hit.snippet_html ? el('p', { className: 'result-snippet' }, safeSnippet(hit.snippet_html)) : null);
}

// One facet as a list of toggle buttons. `selected` values stay visible even
// when the current results have none, so they can be switched off.
export function facetSection(facet, values, selected, onToggle, { preview = 8, fixedOrder = null } = {}) {
  const counts = new Map(values.map(({ value, count }) => [value, count]));
  let order = fixedOrder ?? values.map(({ value }) => value);
  for (const value of selected) if (!order.includes(value)) order = [...order, value];

  const list = el('ul', { className: 'facet-values' });
  order.forEach((value, position) => {
    const count = counts.get(value) ?? 0;
    const pressed = selected.includes(value);
    const label = facetLabel(facet, value);
    const button = el('button', {
      className: 'facet-value',
      attrs: { type: 'button', 'aria-pressed': String(pressed), title: t('facet.filterBy', { value: label, count }) },
    }, el('span', { className: 'facet-label', text: label }),
    el('span', { className: 'facet-count', text: new Intl.NumberFormat(locale()).format(count) }));
    button.addEventListener('click', () => onToggle(facet, value));
    const item = el('li', {}, button);
    if (position >= preview && !pressed) item.classList.add('overflow');
    list.append(item);
  });

  const section = el('section', { className: 'facet' }, el('h3', { text: t(`facet.${facet}`) }));
  if (order.length === 0) {
    section.append(el('p', { className: 'muted', text: t('filters.none') }));
    return section;
  }
  section.append(list);
  if (list.querySelector('.overflow')) {
    list.classList.add('collapsed');
    const more = el('button', { className: 'link-button', text: t('facet.more'), attrs: { type: 'button' } });
    more.addEventListener('click', () => {
      const collapsed = list.classList.toggle('collapsed');
      more.textContent = t(collapsed ? 'facet.more' : 'facet.less');
    });
    section.append(more);
  }
  return section;
}
