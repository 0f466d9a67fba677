// The search page's facet panel: one group of toggle buttons per facet, with
// the count of results each value would keep. A selected value stays visible
// even when the current results have none, so it can be switched off. Long
// groups scroll inside a fixed height rather than hiding values behind "more".

import { t } from './i18n.js';
import { formatNumber } from './format.js';
import { el, facetLabel } from './render.js';

const SCROLL_AFTER = 8;
const STATUS_ORDER = ['open', 'forthcoming', 'closed'];

function orderedValues(facet, values, selected) {
  let order;
  if (facet === 'status') order = [...STATUS_ORDER];
  else if (facet === 'sdg') order = values.map(({ value }) => value).sort((a, b) => Number(a) - Number(b));
  else if (facet === 'deadline_month') order = values.map(({ value }) => value).sort();
  else order = values.map(({ value }) => value);
  for (const value of selected) if (!order.includes(value)) order.push(value);
  return order;
}

// `isSelected(facet, value)` and `onToggle(facet, value)` come from the page,
// which owns the state (deadline months, for one, are a date range there).
export function facetGroup(facet, values, { isSelected, onToggle }) {
  const counts = new Map(values.map(({ value, count }) => [value, count]));
  const selected = values.map(({ value }) => value).filter((value) => isSelected(facet, value));
  const order = orderedValues(facet, values, selected);
  const headingId = `facet-heading-${facet}`;
  const group = el('section', { className: 'facet', attrs: { 'aria-labelledby': headingId } },
    el('h3', { text: t(`facet.${facet}`), attrs: { id: headingId } }));
  if (order.length === 0) {
    group.append(el('p', { className: 'muted small', text: t('filters.none') }));
    return group;
  }

  const list = el('ul', { className: 'facet-values' });
  if (order.length > SCROLL_AFTER) {
    list.classList.add('scrolling');
    list.tabIndex = 0; // a scrolling region is reachable by keyboard
    list.setAttribute('aria-labelledby', headingId);
  }
  order.forEach((value) => {
    const pressed = isSelected(facet, value);
    const count = counts.get(value) ?? 0;
    const label = facetLabel(facet, value);
    const toggle = el('button', {
      className: 'facet-value',
      attrs: {
        type: 'button',
        'data-facet': facet,
        'data-value': value,
        'aria-pressed': String(pressed),
        title: t('facet.filterBy', { value: label, count: formatNumber(count) }),
      },
    }, el('span', { className: 'facet-label', text: label }),
    el('span', { className: 'facet-count', text: formatNumber(count) }));
    toggle.addEventListener('click', () => onToggle(facet, value));
    list.append(el('li', {}, toggle));
  });
  group.append(list);
  return group;
}

// First and last day of "YYYY-MM".
export function monthRange(month) {
  const [year, number] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
