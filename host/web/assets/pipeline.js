// The pipeline: per call and profile, where the office stands (interesting,
// preparing, submitted, discarded), who owns it, notes, and why a call was
// discarded. The board (#/pipeline) and the form on the call page.

import { api, apiUrl, canEdit, isMissingRoute, rowsOf } from './api.js';
import { t, tCount } from './i18n.js';
import { formatShort } from './format.js';
import {
  busy, button, callHref, countdownBadge, debounce, el, emptyState, field, loading, notAvailable, pageHeader,
  reportError, select, statusBadge, toast,
} from './render.js';
import { buildHash, go } from './router.js';

export const STATES = ['interesting', 'preparing', 'submitted', 'discarded'];
export const REASONS = ['not-eligible', 'no-cofinancing', 'deadline-too-close', 'no-partner', 'out-of-scope', 'other'];

const stateOptions = () => STATES.map((state) => [state, t(`pipeline.state.${state}`)]);
const reasonOptions = () => [['', t('pipeline.reasonNone')], ...REASONS.map((reason) => [reason, t(`pipeline.reason.${reason}`)])];

export async function loadProfiles() {
  try {
    return rowsOf(await api.get('/api/profiles'), 'profiles');
  } catch (error) {
    if (!isMissingRoute(error)) reportError(error);
    return [];
  }
}

// The pipeline entries of one call: the API filters by profile, state and
// owner, not by call, so the (office-sized) list is filtered here.
async function entriesFor(recordId) {
  return rowsOf(await api.get('/api/pipeline', { record_id: recordId, limit: 100 }));
}

function entryBody(recordId, profileId, values) {
  const body = { record_id: recordId, profile_id: profileId ?? '', state: values.state, owner: values.owner ?? '', notes: values.notes ?? '' };
  if (values.state === 'discarded') body.reason = values.reason;
  return body;
}

// ---- the form on the call page ------------------------------------------------

export function pipelineForm(call) {
  const recordId = call.id;
  const profile = select('profile', [['', t('pipeline.noProfile')]], { id: 'pipeline-form-profile' });
  const state = select('state', stateOptions(), { id: 'pipeline-form-state' });
  const owner = el('input', { attrs: { name: 'owner', id: 'pipeline-form-owner', autocomplete: 'name', maxlength: '200' } });
  const notes = el('textarea', { attrs: { name: 'notes', id: 'pipeline-form-notes', rows: '4', maxlength: '5000' } });
  const reason = select('reason', reasonOptions(), { id: 'pipeline-form-reason' });
  const reasonField = field(t('pipeline.reason'), reason, { hint: t('pipeline.reasonHint') });
  const info = el('p', { className: 'muted small', attrs: { 'aria-live': 'polite' } });
  const submit = el('button', { className: 'button primary', text: t('pipeline.save'), attrs: { type: 'submit' } });
  const remove = button(t('pipeline.remove'), { className: 'button ghost', attrs: { hidden: true } });
  const form = el('form', { className: 'pipeline-form stack', attrs: { id: 'pipeline-form', novalidate: true } },
    field(t('pipeline.profile'), profile), field(t('pipeline.stateLabel'), state), field(t('pipeline.owner'), owner),
    field(t('pipeline.notes'), notes), reasonField, el('div', { className: 'form-actions' }, submit, remove), info);
  let entries = [];

  // A reason applies only to a discarded call: disabled otherwise, so a screen reader says so too.
  const showReason = () => {
    reason.disabled = state.value !== 'discarded';
    reasonField.classList.toggle('inactive', reason.disabled);
  };
  const fill = () => {
    const entry = entries.find((row) => (row.profile_id ?? '') === profile.value);
    state.value = entry?.state ?? 'interesting';
    owner.value = entry?.owner ?? '';
    notes.value = entry?.notes ?? '';
    reason.value = entry?.reason ?? '';
    remove.hidden = !entry || !canEdit();
    if (!entry) info.textContent = t('pipeline.notTracked');
    else if (entry.updated_by) info.textContent = t('pipeline.updated', { date: formatShort(entry.updated_at), user: entry.updated_by });
    else info.textContent = t('pipeline.updatedAt', { date: formatShort(entry.updated_at) });
    showReason();
  };

  // Nothing can be changed until the stored entry is loaded: fill() would
  // otherwise overwrite what someone already picked.
  const setLoading = (loading) => {
    for (const control of form.elements) control.disabled = loading || !canEdit();
    if (!loading && canEdit()) showReason();
    form.setAttribute('aria-busy', String(loading));
  };
  setLoading(true);
  (async () => {
    try {
      const profiles = await loadProfiles();
      profile.append(...profiles.map((row) => el('option', { text: row.title || row.id, attrs: { value: row.id } })));
      entries = await entriesFor(recordId);
      if (entries.length) profile.value = entries[0].profile_id ?? '';
    } catch (error) {
      if (isMissingRoute(error)) info.textContent = t('common.notAvailable');
      else reportError(error);
    }
    fill();
    setLoading(false);
  })();

  profile.addEventListener('change', fill);
  state.addEventListener('change', showReason);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (state.value === 'discarded' && !reason.value) {
      toast(t('pipeline.reasonRequired'), { kind: 'error' });
      reason.focus();
      return;
    }
    await busy(submit, async () => {
      try {
        const saved = await api.put('/api/pipeline', entryBody(recordId, profile.value,
          { state: state.value, owner: owner.value.trim(), notes: notes.value, reason: reason.value }));
        entries = [...entries.filter((row) => (row.profile_id ?? '') !== profile.value), saved ?? { profile_id: profile.value, state: state.value }];
        fill();
        toast(t('pipeline.saved', { state: t(`pipeline.state.${state.value}`) }));
      } catch (error) {
        reportError(error);
      }
    });
  });
  remove.addEventListener('click', () => busy(remove, async () => {
    try {
      await api.delete('/api/pipeline', { record_id: recordId, profile_id: profile.value });
      entries = entries.filter((row) => (row.profile_id ?? '') !== profile.value);
      fill();
      toast(t('pipeline.removed'));
    } catch (error) {
      reportError(error);
    }
  }));
  if (!canEdit()) {
    for (const control of form.elements) control.disabled = true;
    form.append(el('p', { className: 'muted small', text: t('common.readOnly') }));
  }
  return form;
}

// ---- the board ----------------------------------------------------------------------

export function mount(view, route) {
  let filters = { profile: route.params.get('profile') ?? '', owner: route.params.get('owner') ?? '' };
  let profiles = [];
  const profileFilter = select('profile', [['', t('pipeline.allProfiles')]], { id: 'pipeline-profile' });
  const ownerFilter = el('input', { attrs: { id: 'pipeline-owner', name: 'owner', type: 'search', autocomplete: 'off' } });
  const csv = el('a', { className: 'button', text: t('export.csv'), attrs: { id: 'pipeline-csv', download: '' } });
  const count = el('p', { className: 'result-count', attrs: { 'aria-live': 'polite', role: 'status' } });
  const board = el('div', { className: 'pipeline-board', attrs: { id: 'pipeline-board' } });

  view.append(
    pageHeader(t('pipeline.title'), { subtitle: t('pipeline.subtitle'), actions: [csv] }),
    el('div', { className: 'filter-bar card' },
      field(t('pipeline.profile'), profileFilter), field(t('pipeline.ownerFilter'), ownerFilter), count),
    board);

  const apply = () => go(buildHash('#/pipeline', filters), { replace: true });
  profileFilter.addEventListener('change', () => {
    filters = { ...filters, profile: profileFilter.value };
    apply();
  });
  ownerFilter.addEventListener('input', debounce(() => {
    filters = { ...filters, owner: ownerFilter.value.trim() };
    apply();
  }, 300));

  async function load() {
    profileFilter.value = filters.profile;
    if (document.activeElement !== ownerFilter) ownerFilter.value = filters.owner;
    csv.href = apiUrl('/api/pipeline', { ...filters, format: 'csv' });
    board.replaceChildren(loading());
    let rows;
    try {
      rows = rowsOf(await api.get('/api/pipeline', { ...filters, limit: 500 }));
    } catch (error) {
      if (isMissingRoute(error)) board.replaceChildren(notAvailable());
      else {
        board.replaceChildren(emptyState(t('error.generic')));
        reportError(error);
      }
      return;
    }
    count.textContent = tCount('pipeline.count', rows.length);
    board.replaceChildren(...STATES.map((state) => column(state, rows.filter((row) => row.state === state))));
  }

  function column(state, rows) {
    rows.sort((a, b) => String(a.next_deadline ?? '9999').localeCompare(String(b.next_deadline ?? '9999')));
    const headingId = `pipeline-heading-${state}`;
    const list = el('ul', { className: 'pipeline-cards' }, rows.map((row) => el('li', {}, card(row))));
    if (!rows.length) list.append(el('li', { className: 'muted small empty-column', text: t('pipeline.emptyColumn') }));
    const section = el('section', {
      className: `pipeline-column state-${state}`, attrs: { 'data-state': state, 'aria-labelledby': headingId },
    }, el('h2', { attrs: { id: headingId } }, el('span', { text: t(`pipeline.state.${state}`) }),
      el('span', { className: 'column-count', text: String(rows.length) })), list);
    return section;
  }

  function profileTitle(id) {
    if (!id) return t('pipeline.noProfile');
    return profiles.find((row) => row.id === id)?.title ?? id;
  }

  function card(row) {
    const stateSelect = select('state', stateOptions(), { className: 'pipeline-state', value: row.state,
      id: `state-${Math.random().toString(36).slice(2, 9)}` });
    const node = el('article', {
      className: 'pipeline-card card', attrs: { 'data-record-id': row.record_id, 'data-profile-id': row.profile_id ?? '' },
    },
    el('p', { className: 'result-meta' }, statusBadge(row.status),
      row.programme ? el('span', { className: 'meta-item', text: row.programme }) : null),
    el('h3', {}, el('a', { text: row.title || row.record_id, attrs: { href: callHref(row.record_id) } })),
    row.next_deadline
      ? el('p', { className: 'small' }, el('span', { text: formatShort(row.next_deadline) }), countdownBadge(row.next_deadline))
      : null,
    el('dl', { className: 'card-facts' },
      el('dt', { text: t('pipeline.profile') }), el('dd', { text: profileTitle(row.profile_id) }),
      el('dt', { text: t('pipeline.owner') }), el('dd', { text: row.owner || '—' }),
      row.reason ? [el('dt', { text: t('pipeline.reason') }), el('dd', { text: t(`pipeline.reason.${row.reason}`) })] : null),
    row.notes ? el('p', { className: 'card-notes', text: row.notes }) : null,
    field(t('pipeline.stateLabel'), stateSelect, { className: 'field compact' }));
    if (!canEdit()) stateSelect.disabled = true;
    stateSelect.addEventListener('change', () => {
      if (stateSelect.value === 'discarded') askReason(node, row, stateSelect);
      else change(row, { state: stateSelect.value, reason: '' }, stateSelect);
    });
    return node;
  }

  // Discarding needs a reason from the fixed list: asked on the card itself.
  function askReason(node, row, stateSelect) {
    node.querySelector('.reason-picker')?.remove();
    const reason = select('reason', reasonOptions(), { className: 'pipeline-reason', id: `reason-${Math.random().toString(36).slice(2, 9)}` });
    const confirm = button(t('pipeline.discard'), { className: 'button primary small' });
    const cancel = button(t('common.cancel'), { className: 'button ghost small' });
    const picker = el('div', { className: 'reason-picker' },
      field(t('pipeline.reason'), reason), el('div', { className: 'form-actions' }, confirm, cancel));
    node.append(picker);
    reason.focus();
    cancel.addEventListener('click', () => {
      picker.remove();
      stateSelect.value = row.state;
    });
    confirm.addEventListener('click', () => {
      if (!reason.value) {
        toast(t('pipeline.reasonRequired'), { kind: 'error' });
        reason.focus();
        return;
      }
      change(row, { state: 'discarded', reason: reason.value }, stateSelect);
    });
  }

  async function change(row, values, control) {
    try {
      await api.put('/api/pipeline', entryBody(row.record_id, row.profile_id, { ...row, ...values }));
      toast(t('pipeline.saved', { state: t(`pipeline.state.${values.state}`) }));
      await load();
    } catch (error) {
      control.value = row.state;
      reportError(error);
    }
  }

  (async () => {
    profiles = await loadProfiles();
    profileFilter.append(...profiles.map((row) => el('option', { text: row.title || row.id, attrs: { value: row.id } })));
    load();
  })();

  return {
    update(next) {
      filters = { profile: next.params.get('profile') ?? '', owner: next.params.get('owner') ?? '' };
      load();
      return true;
    },
  };
}
