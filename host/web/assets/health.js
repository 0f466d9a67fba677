// Harvest health (#/health): each source's last run, counts, failures and
// messages, and the history of runs with their per-source rows. While a
// harvest runs (the newest run has no end yet) a panel says which run, since
// when and which sources it has done, and the page refreshes until it ends.

import { api, isMissingRoute, rowsOf } from './api.js';
import { has, t, tCount } from './i18n.js';
import { formatNumber, formatShort } from './format.js';
import { el, emptyState, loading, notAvailable, pageHeader, reportError } from './render.js';

// How often the page looks again while a harvest runs.
const RUNNING_REFRESH_MS = 15000;

const COUNT_ORDER = ['fetched', 'new', 'updated', 'unchanged', 'rejected', 'errors', 'kept', 'removed'];

function outcomeBadge(outcome) {
  const known = ['ok', 'failed', 'partial', 'running', 'skipped'].includes(outcome) ? outcome : 'unknown';
  return el('span', { className: `badge outcome-${known}`, text: has(`outcome.${known}`) ? t(`outcome.${known}`) : String(outcome ?? '—') });
}

// {"fetched": 12, "new": 3} (or the same fields on the row itself) as "12 fetched · 3 new".
function countsText(row) {
  const counts = row.counts && typeof row.counts === 'object' ? row.counts : row;
  const parts = [];
  // Fetched always; the others only when they happened, so a row reads at a glance.
  for (const name of COUNT_ORDER) {
    const value = counts[name];
    if (typeof value === 'number' && (name === 'fetched' || value > 0)) parts.push(t(`count.${name}`, { count: formatNumber(value) }));
  }
  return parts.join(' · ') || '—';
}

// A run answers ok: true|false once finished; a run without an end is running.
function runOutcome(run) {
  if (run.outcome) return run.outcome;
  if (!run.finished_at) return 'running';
  return run.ok ? 'ok' : 'failed';
}

// "1 source: unpp", "9 sources".
function perSourceSummary(rows) {
  const names = rows.map((row) => row.source ?? row.id ?? '').filter(Boolean);
  const count = tCount('health.perSource', rows.length);
  return names.length && names.length <= 3 ? `${count}: ${names.join(', ')}` : count;
}

function table(id, captionKey, headingKeys, rows) {
  // A wide table scrolls inside its region, which keyboard users can focus to scroll.
  return el('div', { className: 'table-wrap', attrs: { tabindex: '0', role: 'region', 'aria-label': t(captionKey) } },
    el('table', { className: 'data-table', attrs: { id } },
    el('caption', { className: 'visually-hidden', text: t(captionKey) }),
    el('thead', {}, el('tr', {}, headingKeys.map((key) => el('th', { text: t(key), attrs: { scope: 'col' } })))),
    el('tbody', {}, rows)));
}

export function mount(view) {
  const summary = el('p', { className: 'health-summary', attrs: { 'aria-live': 'polite' } });
  const running = el('section', { className: 'card section-card run-in-progress', attrs: { id: 'run-in-progress', role: 'status', hidden: '' } });
  const sources = el('section', { className: 'card section-card' }, loading());
  const runs = el('section', { className: 'card section-card' }, loading());
  view.append(pageHeader(t('health.title'), { subtitle: t('health.subtitle') }), summary, running, sources, runs);
  let timer = null;
  let mounted = true;
  const refresh = async () => {
    const [, , newest] = await Promise.all([loadSummary(summary), loadSources(sources), loadRuns(runs)]);
    showRunInProgress(running, newest);
    if (mounted && newest && !newest.finished_at) timer = setTimeout(refresh, RUNNING_REFRESH_MS);
  };
  refresh();
  return {
    unmount() {
      mounted = false;
      clearTimeout(timer);
    },
  };
}

// The run in progress; hidden when the newest run has ended.
function showRunInProgress(box, run) {
  box.hidden = !run || Boolean(run.finished_at);
  if (box.hidden) {
    box.replaceChildren();
    return;
  }
  const rows = run.sources ?? [];
  const done = rows.filter((row) => row.outcome && row.outcome !== 'running');
  const current = rows.filter((row) => row.outcome === 'running').map((row) => row.source ?? '');
  // replaceChildren() would show a null as text; el() skips it.
  box.replaceChildren(...[
    el('h2', {}, outcomeBadge('running'), ' ', t('health.inProgress', { run: String(run.id ?? '') })),
    el('p', { text: t('health.inProgressSince', { started: run.started_at ? formatShort(run.started_at) : '—' }) }),
    current.length ? el('p', { text: t('health.inProgressNow', { sources: current.join(', ') }) }) : null,
    done.length
      ? el('div', {}, el('p', { text: tCount('health.inProgressDone', done.length) }),
        el('ul', { className: 'run-sources' }, done.map((row) => el('li', {},
          el('code', { text: row.source ?? '' }), ' ', outcomeBadge(row.outcome), ' ',
          el('span', { className: 'small', text: countsText(row) })))))
      : el('p', { className: 'muted', text: t('health.inProgressNoneDone') }),
  ].filter(Boolean));
}

async function loadSummary(box) {
  try {
    const health = await api.get('/api/health');
    box.textContent = t('health.documents', { count: formatNumber(health.documents ?? 0) });
  } catch (error) {
    box.textContent = t('error.generic');
  }
}

async function loadSources(box) {
  let rows;
  try {
    rows = rowsOf(await api.get('/api/sources', { limit: 100 }), 'sources');
  } catch (error) {
    box.replaceChildren(el('h2', { text: t('health.sources') }), isMissingRoute(error) ? notAvailable() : emptyState(t('error.generic')));
    if (!isMissingRoute(error)) reportError(error);
    return;
  }
  const body = rows.map((row) => el('tr', { className: row.consecutive_failures > 0 ? 'row-warning' : null },
    el('th', { attrs: { scope: 'row' } }, el('code', { text: row.id })),
    el('td', { text: row.version ?? '—' }),
    el('td', { text: row.last_run_at ? formatShort(row.last_run_at) : t('health.never') }),
    el('td', {}, outcomeBadge(row.last_outcome)),
    el('td', { className: 'number', text: formatNumber(row.consecutive_failures ?? 0) }),
    el('td', { text: countsText(row) }),
    el('td', { className: 'number', text: typeof row.documents === 'number' ? formatNumber(row.documents) : '—' }),
    el('td', { className: 'message', text: row.message || '' })));
  box.replaceChildren(el('h2', { text: t('health.sources') }),
    rows.length ? table('sources-table', 'health.sources', ['health.source', 'health.version', 'health.lastRun', 'health.outcome',
      'health.failures', 'health.counts', 'health.documentsColumn', 'health.message'], body) : emptyState(t('health.noSources')));
}

async function loadRuns(box) {
  let rows;
  try {
    rows = rowsOf(await api.get('/api/runs', { limit: 20 }), 'runs');
  } catch (error) {
    box.replaceChildren(el('h2', { text: t('health.runs') }), isMissingRoute(error) ? notAvailable() : emptyState(t('error.generic')));
    if (!isMissingRoute(error)) reportError(error);
    return null;
  }
  const body = rows.map((run) => {
    const perSource = run.sources ?? run.rows ?? [];
    const detail = perSource.length
      ? el('details', {}, el('summary', { text: perSourceSummary(perSource) }),
        el('ul', { className: 'run-sources' }, perSource.map((row) => el('li', {},
          el('code', { text: row.source ?? row.id ?? '' }), ' ', outcomeBadge(row.outcome), ' ',
          el('span', { className: 'small', text: countsText(row) }),
          row.message ? el('span', { className: 'muted small', text: ` — ${row.message}` }) : null))))
      : el('span', { className: 'muted', text: '—' });
    return el('tr', {},
      el('th', { attrs: { scope: 'row' }, text: String(run.id ?? run.run_id ?? '') }),
      el('td', { text: run.started_at ? formatShort(run.started_at) : '—' }),
      el('td', { text: run.finished_at ? formatShort(run.finished_at) : '—' }),
      el('td', {}, outcomeBadge(runOutcome(run))),
      el('td', {}, detail));
  });
  box.replaceChildren(el('h2', { text: t('health.runs') }),
    rows.length
      ? table('runs-table', 'health.runs',
        ['health.run', 'health.started', 'health.finished', 'health.outcome', 'health.sourcesColumn'], body)
      : emptyState(t('health.noRuns')));
  return rows[0] ?? null; // newest first
}
