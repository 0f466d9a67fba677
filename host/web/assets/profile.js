// One profile (#/profiles/<id>): its ranked matches with the fit and why each
// matched, feedback buttons that train the next digest, and the digest of
// what is new since the last harvest.

import { api, apiUrl, canEdit, feedUrl, isMissingRoute, rowsOf } from './api.js';
import { has, language, t, tCount } from './i18n.js';
import { formatNumber, formatShort, sdgLabel } from './format.js';
import {
  busy, button, callHref, chips, deadlineLine, el, emptyState, facetLabel, loading, notAvailable, pageHeader,
  profileHref, reportError, statusBadge, toast,
} from './render.js';
import { buildHash, go } from './router.js';

const PAGE = 20; // matches shown at first and added by "show more"
const MAX_MATCHES = 200;
// data-feedback value -> what the API stores
const FEEDBACK = {
  relevant: { kind: 'record', verdict: 'relevant' },
  'not-relevant': { kind: 'record', verdict: 'not-relevant' },
  mute: { kind: 'programme', verdict: 'muted' },
};

export function mount(view, route) {
  const id = route.id;
  const base = `/api/profiles/${encodeURIComponent(id)}`;
  const includeClosed = route.params.get('closed') === '1';

  // The heading takes its id once it holds the profile's title (or says it is missing).
  const title = el('h1', { className: 'muted', text: t('common.loading') });
  const link = (text, attrs) => el('a', { className: 'button', text, attrs });
  const actions = el('div', { className: 'page-actions' },
    link(t('profile.edit'), { id: 'profile-edit', href: profileHref(id, '/edit'), hidden: !canEdit() }),
    link(t('export.csv'), {
      id: 'matches-csv', href: apiUrl(`${base}/matches`, { format: 'csv', include_closed: includeClosed ? 'true' : '' }), download: '',
    }),
    link(t('export.ics'), { id: 'profile-ics', href: feedUrl(`${base}/calendar.ics`), download: '' }),
    link(t('export.atom'), { id: 'digest-atom', href: feedUrl(`${base}/digest.atom`, { lang: language() }) }),
    deleteButton(id, base));
  const closedToggle = el('input', { attrs: { type: 'checkbox', id: 'include-closed', checked: includeClosed } });
  closedToggle.addEventListener('change', () => go(buildHash(profileHref(id), { closed: closedToggle.checked ? '1' : '' })));
  const count = el('p', { className: 'result-count', attrs: { 'aria-live': 'polite', role: 'status' } });
  const matches = el('ol', { className: 'match-list', attrs: { id: 'matches', 'aria-label': t('matches.title') } }, el('li', {}, loading()));
  const digest = el('div', { attrs: { id: 'digest' } }, loading());
  const more = button(t('matches.more'), { className: 'button', attrs: { hidden: true } });
  let limit = PAGE;
  more.addEventListener('click', () => busy(more, () => {
    limit = Math.min(MAX_MATCHES, limit + PAGE);
    return loadMatches();
  }));

  view.append(
    el('div', { className: 'page-header' }, el('div', { className: 'page-heading' }, title,
      el('p', { className: 'page-subtitle' }, el('code', { text: id }))), actions),
    el('div', { className: 'profile-layout' },
      el('section', { className: 'matches-area', attrs: { 'aria-labelledby': 'matches-heading' } },
        el('div', { className: 'toolbar' },
          el('h2', { text: t('matches.title'), attrs: { id: 'matches-heading' } }), count,
          el('label', { className: 'checkbox', attrs: { for: 'include-closed' } }, closedToggle, el('span', { text: t('matches.includeClosed') }))),
        matches, el('div', { className: 'more-row' }, more)),
      el('aside', { className: 'digest-area card', attrs: { 'aria-labelledby': 'digest-heading' } },
        el('h2', { text: t('digest.title'), attrs: { id: 'digest-heading' } }),
        el('p', { className: 'muted small', text: t('digest.intro') }), digest)));

  loadMatches();
  loadDigest();

  async function loadMatches() {
    let data;
    let feedback = [];
    try {
      [data, feedback] = await Promise.all([
        api.get(`${base}/matches`, { limit, include_closed: includeClosed ? 'true' : '' }),
        api.get(`${base}/feedback`, { limit: 100 }).then((answer) => rowsOf(answer, 'feedback')).catch(() => []),
      ]);
    } catch (error) {
      title.textContent = error.status === 404 ? t('profile.notFound') : t('error.generic');
      title.id = 'profile-title';
      title.classList.remove('muted');
      matches.replaceChildren(el('li', {}, emptyState(error.status === 404 ? t('profile.notFound') : t('error.generic'))));
      if (error.status !== 404) reportError(error);
      return;
    }
    title.textContent = data.title || id;
    title.id = 'profile-title';
    title.classList.remove('muted');
    document.title = `${data.title || id} · convoca`;
    const rows = data.matches ?? rowsOf(data);
    const total = data.total ?? rows.length;
    count.textContent = tCount('matches.count', total);
    more.hidden = rows.length >= total || limit >= MAX_MATCHES;
    const top = Math.max(1, ...rows.map((row) => Number(row.fit) || 0));
    const verdicts = new Map(feedback.map((row) => [`${row.kind}|${row.subject}`, row.verdict]));
    matches.replaceChildren(...(rows.length
      ? rows.map((row, index) => matchItem(row, index + 1, top, verdicts))
      : [el('li', {}, emptyState(t('matches.none')))]));
  }

  function matchItem(match, rank, top, verdicts) {
    const fit = Number(match.fit) || 0;
    const share = Math.round((fit / top) * 100);
    const bar = el('span', { className: 'fit-fill' });
    bar.style.width = `${Math.max(4, share)}%`;
    const item = el('li', { className: 'match card', attrs: { 'data-record-id': match.id } },
      el('span', { className: 'match-rank', text: formatNumber(rank), attrs: { 'aria-hidden': 'true' } }),
      el('div', { className: 'match-body' },
        el('p', { className: 'result-meta' }, statusBadge(match.status),
          match.programme_code || match.programme ? el('span', { className: 'meta-item', text: match.programme_code || match.programme }) : null,
          match.kind ? el('span', { className: 'meta-item', text: facetLabel('kind', match.kind) }) : null),
        el('h3', { className: 'match-title' }, el('a', { text: match.title || t('result.untitled'), attrs: { href: callHref(match.id) } })),
        deadlineLine(match),
        el('div', { className: 'match-fit', attrs: { title: t('matches.fitHelp') } },
          el('span', { className: 'fit-text', text: t('matches.fit', { fit: formatNumber(fit), share: formatNumber(share) }) }),
          el('span', { className: 'fit-bar', attrs: { 'aria-hidden': 'true' } }, bar)),
        explanation(match.explanation ?? {}),
        feedbackBar(match, verdicts)));
    return item;
  }

  function feedbackBar(match, verdicts) {
    const bar = el('div', { className: 'feedback-bar', attrs: { role: 'group', 'aria-label': t('feedback.label') } });
    const programme = match.programme_code || match.programme || '';
    const buttons = Object.entries(FEEDBACK).map(([name, spec]) => {
      const subject = spec.kind === 'record' ? match.id : programme;
      const current = verdicts.get(`${spec.kind}|${subject}`);
      const control = button(t(`feedback.${name}`), {
        className: `button small feedback-${name}`,
        attrs: { 'data-feedback': name, 'aria-pressed': String(current === spec.verdict), disabled: !canEdit() || !subject },
      });
      control.addEventListener('click', () => sendFeedback(control, bar, spec, subject));
      return control;
    });
    const track = button(t('matches.track'), { className: 'button small ghost match-track', attrs: { disabled: !canEdit() } });
    track.addEventListener('click', () => busy(track, async () => {
      try {
        await api.put('/api/pipeline', { record_id: match.id, profile_id: id, state: 'interesting', owner: '', notes: '' });
        toast(t('matches.tracked'), { action: { label: t('nav.pipeline'), run: () => go(buildHash('#/pipeline', { profile: id })) } });
      } catch (error) {
        reportError(error);
      }
    }));
    bar.append(...buttons, track);
    return bar;
  }

  // "Relevant" marks the card; "not relevant" and "mute" take calls out of the
  // ranking, so the list is asked again (with an undo in the toast).
  async function sendFeedback(control, bar, spec, subject) {
    const pressed = control.getAttribute('aria-pressed') === 'true';
    const verdict = pressed ? 'clear' : spec.verdict;
    await busy(control, async () => {
      try {
        await api.post(`${base}/feedback`, { kind: spec.kind, subject, verdict });
      } catch (error) {
        reportError(error);
        return;
      }
      if (verdict === 'relevant' || verdict === 'clear') {
        for (const other of bar.querySelectorAll('[data-feedback=relevant], [data-feedback=not-relevant]')) {
          other.setAttribute('aria-pressed', 'false');
        }
        control.setAttribute('aria-pressed', String(!pressed));
        toast(pressed ? t('feedback.cleared') : t('feedback.done.relevant'));
        return;
      }
      const undo = async () => {
        try {
          await api.post(`${base}/feedback`, { kind: spec.kind, subject, verdict: 'clear' });
          await loadMatches();
          toast(t('feedback.cleared'));
        } catch (error) {
          reportError(error);
        }
      };
      toast(t(`feedback.done.${spec.verdict}`, { subject }), { action: { label: t('common.undo'), run: undo } });
      await loadMatches();
    });
  }

  async function loadDigest() {
    try {
      const data = await api.get(`${base}/digest`, { limit: 30 });
      const entries = data.entries ?? rowsOf(data);
      if (!entries.length) return digest.replaceChildren(emptyState(t('digest.none')));
      digest.replaceChildren(el('ol', { className: 'digest-list' }, entries.map((entry) => el('li', { className: 'digest-entry' },
        el('p', { className: 'result-meta' },
          el('span', { className: `badge change-${entry.change}`, text: entry.change === 'changed' ? t('digest.changed') : t('digest.new') }),
          el('span', { className: 'muted small', text: formatShort(entry.created_at) })),
        el('a', { text: entry.title || entry.record, attrs: { href: callHref(entry.record ?? entry.record_id) } }),
        entry.summary ? el('p', { className: 'small muted', text: entry.summary }) : null))));
    } catch (error) {
      digest.replaceChildren(isMissingRoute(error) ? notAvailable() : emptyState(t('error.generic')));
    }
  }
  return {};
}

function whyLine(label, values, chipClass) {
  return el('p', { className: 'why-line' }, el('span', { className: 'why-label', text: label }), chips(values, chipClass));
}

function gateItem(gate) {
  const name = has(`gate.${gate.gate}`) ? t(`gate.${gate.gate}`) : gate.gate;
  return el('li', { className: gate.passed ? 'gate-passed' : 'gate-failed' },
    el('span', { className: 'gate-mark', text: gate.passed ? '✓' : '✗', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'visually-hidden', text: gate.passed ? t('matches.gatePassed') : t('matches.gateFailed') }),
    el('strong', { text: name }), ' ',
    el('span', { className: 'muted', text: gate.detail ?? '' }));
}

// Why a call matched: the shared concepts and SDGs at a glance; the matching
// words, each concept's wordings on both sides and the gates it passed on demand.
function explanation(why) {
  const box = el('div', { className: 'match-explanation' });
  const concepts = why.concepts ?? [];
  const sdgs = why.sdgs ?? [];
  const terms = why.terms ?? [];
  const gates = why.gates ?? [];
  if (concepts.length) box.append(whyLine(t('matches.concepts'), concepts.map((c) => c.label || c.id), 'chip concept'));
  if (sdgs.length) box.append(whyLine(t('matches.sdgs'), sdgs.map((goal) => sdgLabel(goal.goal ?? goal)), 'chip sdg'));

  const details = el('details', { className: 'why-details' }, el('summary', { text: t('matches.why') }));
  if (terms.length) {
    const words = terms.map((term) => (term.via === 'translation' ? `${term.word} ⇄` : term.word));
    details.append(el('h4', { text: t('matches.terms') }), chips(words, 'chip term'));
    if (terms.some((term) => term.via === 'translation')) {
      details.append(el('p', { className: 'muted small', text: t('matches.translationNote') }));
    }
  }
  for (const concept of concepts) {
    const wordings = t('matches.conceptWords', {
      profile: (concept.profile_words ?? []).join(', '), record: (concept.record_words ?? []).join(', '),
    });
    details.append(el('p', { className: 'small' }, el('strong', { text: concept.label || concept.id }), ': ', wordings));
  }
  if (gates.length) details.append(el('h4', { text: t('matches.gates') }), el('ul', { className: 'gate-list' }, gates.map(gateItem)));
  if (details.childElementCount > 1) box.append(details);
  if (!box.childElementCount) box.append(el('p', { className: 'muted small', text: t('matches.noExplanation') }));
  return box;
}

function deleteButton(id, base) {
  const control = button(t('profile.delete'), { className: 'button danger', attrs: { hidden: !canEdit(), id: 'profile-delete' } });
  let armed = null;
  control.addEventListener('click', async () => {
    if (!armed) {
      control.textContent = t('profile.deleteConfirm');
      armed = setTimeout(() => { armed = null; control.textContent = t('profile.delete'); }, 5000);
      return;
    }
    clearTimeout(armed);
    try {
      await api.delete(base);
      toast(t('profile.deleted'));
      go('#/profiles');
    } catch (error) {
      reportError(error);
    }
  });
  return control;
}
