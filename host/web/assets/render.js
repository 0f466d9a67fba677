// DOM helpers shared by every screen. Data only ever reaches the page through
// textContent, attributes set one by one, or safeSnippet(); never as markup.

import { has, t } from './i18n.js';
import { countdown, formatInstant, formatMonth, languageName, sdgLabel, urgency } from './format.js';

// el('a', { className: 'x', text: 'y', attrs: { href } }, child, ...)
export function el(tag, { className, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

export function button(text, { className = 'button', attrs = {}, onClick } = {}) {
  const node = el('button', { className, text, attrs: { type: 'button', ...attrs } });
  if (onClick) node.addEventListener('click', onClick);
  return node;
}

// Only http(s) URLs become links: javascript:, data: and the like stay text.
export function safeHref(url) {
  if (!url) return null;
  try {
    if (url.startsWith('/') && !url.startsWith('//')) return url; // our own API links
    const parsed = new URL(url);
    // The URL as given (not re-serialised), so the link is exactly the source's.
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

// A link that leaves convoca: new tab, no referrer; plain text when unsafe.
export function externalLink(url, text, className = 'external') {
  const href = safeHref(url);
  if (!href) return el('span', { className, text: text || url });
  return el('a', { className, text: text || url, attrs: { href, rel: 'noopener noreferrer', target: '_blank' } });
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

export function callHref(id) {
  return `#/call/${encodeURIComponent(id)}`;
}

export function profileHref(id, suffix = '') {
  return `#/profiles/${encodeURIComponent(id)}${suffix}`;
}

export function statusLabel(status) {
  return has(`status.${status}`) ? t(`status.${status}`) : t('status.unknown');
}

export function statusBadge(status, className = '') {
  const known = ['open', 'forthcoming', 'closed'].includes(status) ? status : 'unknown';
  return el('span', { className: `badge status-${known} ${className}`.trim(), text: statusLabel(known) });
}

// How a facet value reads: statuses, kinds and SDGs translated, languages
// named in the UI's language, months spelt out, the rest as the source spells it.
export function facetLabel(facet, value) {
  if ((facet === 'status' || facet === 'kind') && has(`${facet}.${value}`)) return t(`${facet}.${value}`);
  if (facet === 'language') return languageName(value);
  if (facet === 'sdg') return sdgLabel(value);
  if (facet === 'deadline_month') return formatMonth(value);
  return value;
}

// "Termini: 31 de març del 2027 · d'aquí a 124 dies", or why there is none.
export function deadlineLine(hit, className = 'deadline') {
  if (!hit.next_deadline) {
    const deadlines = (hit.deadlines ?? []).map((entry) => (typeof entry === 'string' ? entry : entry?.at));
    const last = deadlines.filter(Boolean).pop();
    const text = last ? t('deadline.closedOn', { date: formatInstant(last, { dayOnly: hit.deadlines_time_assumed }) })
      : t('deadline.none');
    return el('p', { className: `${className} muted`, text });
  }
  return el('p', { className },
    el('span', { text: t('deadline.next', { date: formatInstant(hit.next_deadline, { dayOnly: hit.deadlines_time_assumed }) }) }),
    countdownBadge(hit.next_deadline));
}

export function countdownBadge(instant) {
  return el('span', { className: `countdown countdown-${urgency(instant)}`, text: countdown(instant) });
}

export function chips(values, className = 'chip') {
  return el('ul', { className: 'chips' }, values.map((value) => el('li', { className, text: value })));
}

export function emptyState(text) {
  return el('p', { className: 'empty-state', text });
}

export function loading() {
  return el('p', { className: 'loading', text: t('common.loading'), attrs: { role: 'status' } });
}

// What a screen shows when its API route is not there yet (a 404 on the route itself).
export function notAvailable() {
  return el('div', { className: 'notice' },
    el('p', { text: t('common.notAvailable') }));
}

export function pageHeader(title, { id, subtitle, actions = [] } = {}) {
  return el('div', { className: 'page-header' },
    el('div', { className: 'page-heading' },
      el('h1', { text: title, attrs: { id } }),
      subtitle ? el('p', { className: 'page-subtitle', text: subtitle }) : null),
    actions.length ? el('div', { className: 'page-actions' }, actions) : null);
}

// A labelled form field. `control` is the input/select/textarea element.
export function field(labelText, control, { hint, className = 'field' } = {}) {
  if (!control.id) control.id = `field-${control.name || Math.random().toString(36).slice(2)}`;
  const wrapper = el('div', { className },
    el('label', { text: labelText, attrs: { for: control.id } }), control);
  if (hint) {
    const hintNode = el('p', { className: 'hint', text: hint, attrs: { id: `${control.id}-hint` } });
    control.setAttribute('aria-describedby', hintNode.id);
    wrapper.append(hintNode);
  }
  return wrapper;
}

export function select(name, options, { id, value, className } = {}) {
  const node = el('select', { className, attrs: { name, id } },
    options.map(([optionValue, label]) => el('option', { text: label, attrs: { value: optionValue } })));
  if (value !== undefined && value !== null) node.value = value;
  return node;
}

// ---- toast ------------------------------------------------------------------------

let toastTimer = null;

// One message at a time in #toast; errors stay until closed or replaced.
export function toast(message, { kind = 'info', action } = {}) {
  const region = document.getElementById('toast');
  if (!region) return;
  clearTimeout(toastTimer);
  const close = button('×', { className: 'toast-close', attrs: { 'aria-label': t('common.close') } });
  close.addEventListener('click', () => region.replaceChildren());
  const body = el('div', { className: `toast-message toast-${kind}`, attrs: { role: kind === 'error' ? 'alert' : null } },
    el('span', { text: message }));
  if (action) {
    body.append(button(action.label, {
      className: 'link-button',
      onClick: () => {
        region.replaceChildren();
        action.run();
      },
    }));
  }
  body.append(close);
  region.replaceChildren(body);
  if (kind !== 'error') toastTimer = setTimeout(() => region.replaceChildren(), action ? 8000 : 4000);
}

// An API or network failure as a toast: the server's message when it gave one.
export function reportError(error) {
  if (error?.name === 'AbortError') return;
  if (error?.status === 401) return; // the login form is already showing
  const text = error?.status ? (error.message || t('error.generic')) : t('error.network');
  toast(text, { kind: 'error' });
}

// Runs `work` with the button disabled, so a double click sends one request.
export async function busy(control, work) {
  control.disabled = true;
  control.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    control.disabled = false;
    control.removeAttribute('aria-busy');
  }
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
