// Profiles: the list (#/profiles) and the create/edit form (#/profiles/new,
// #/profiles/<id>/edit). A profile is DESIGN.md's matching document; the form
// keeps one named field per part of it.

import { api, canEdit, isMissingRoute, rowsOf } from './api.js';
import { t } from './i18n.js';
import { languageName, sdgLabel } from './format.js';
import {
  busy, el, emptyState, field, loading, notAvailable, pageHeader, profileHref, reportError, select, toast,
} from './render.js';
import { go } from './router.js';

const LANGUAGES = ['ca', 'es', 'en', 'fr'];
const ENTITY_TYPES = ['local-authority', 'regional-authority', 'public-body', 'ngo', 'non-profit', 'university',
  'research', 'company', 'sme'];

// ---- list -------------------------------------------------------------------------

export function mountList(view) {
  const list = el('ul', { className: 'profile-list', attrs: { id: 'profiles' } });
  const create = el('a', { className: 'button primary', text: t('profiles.new'), attrs: { id: 'new-profile', href: '#/profiles/new' } });
  create.hidden = !canEdit();
  view.append(pageHeader(t('profiles.title'), { subtitle: t('profiles.subtitle'), actions: [create] }), list);
  list.append(el('li', {}, loading()));
  (async () => {
    let rows;
    try {
      rows = rowsOf(await api.get('/api/profiles'), 'profiles');
    } catch (error) {
      list.replaceChildren(el('li', {}, isMissingRoute(error) ? notAvailable() : emptyState(t('error.generic'))));
      if (!isMissingRoute(error)) reportError(error);
      return;
    }
    if (!rows.length) {
      list.replaceChildren(el('li', {}, emptyState(t('profiles.none'))));
      return;
    }
    list.replaceChildren(...rows.map((row) => el('li', { className: 'profile card' },
      el('h2', {}, el('a', { text: row.title || row.id, attrs: { href: profileHref(row.id) } })),
      el('p', { className: 'result-meta' },
        el('code', { className: 'meta-item identifier', text: row.id }),
        row.language ? el('span', { className: 'meta-item', text: languageName(row.language) }) : null),
      row.description ? el('p', { className: 'profile-description', text: row.description }) : null)));
  })();
  return {};
}

// ---- form -------------------------------------------------------------------------

const splitList = (text) => String(text ?? '').split(/[\n,;]/).map((part) => part.trim()).filter(Boolean);
const numberOrNull = (text) => (String(text ?? '').trim() === '' ? null : Number(text));

function slug(text) {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '').slice(0, 60);
}

// The form's values as the profile document.
function profileFromForm(form) {
  const value = (name) => form.elements.namedItem(name)?.value ?? '';
  const places = splitList(value('places'));
  const doc = {
    id: value('id').trim(),
    title: value('title').trim(),
    description: value('text').trim(),
    language: value('language'),
    keywords: splitList(value('keywords')),
    sdgs: [...form.querySelectorAll('input[name=sdgs]:checked')].map((box) => Number(box.value)),
    programmes: splitList(value('programmes')),
    eligibility: {
      entity_types: splitList(value('entity_types')),
      // "ES" is a country (ISO 3166-1), "ES51" a region (NUTS).
      countries: places.filter((place) => /^[A-Za-z]{2}$/.test(place)).map((place) => place.toUpperCase()),
      regions: places.filter((place) => !/^[A-Za-z]{2}$/.test(place)).map((place) => place.toUpperCase()),
    },
    horizon_days: numberOrNull(value('horizon_days')) ?? 365,
    include_closed: form.elements.namedItem('include_closed')?.checked ?? false,
  };
  const min = numberOrNull(value('budget_min'));
  const max = numberOrNull(value('budget_max'));
  if (min !== null || max !== null) doc.budget = { ...(min !== null && { min }), ...(max !== null && { max }), currency: 'EUR' };
  return doc;
}

function fillForm(form, doc) {
  const set = (name, value) => {
    const control = form.elements.namedItem(name);
    if (control && value !== undefined && value !== null) control.value = value;
  };
  set('id', doc.id);
  set('title', doc.title);
  set('text', doc.description);
  set('language', doc.language || 'ca');
  set('keywords', (doc.keywords ?? []).join('\n'));
  for (const box of form.querySelectorAll('input[name=sdgs]')) box.checked = (doc.sdgs ?? []).map(Number).includes(Number(box.value));
  set('programmes', (doc.programmes ?? []).join(', '));
  set('budget_min', doc.budget?.min);
  set('budget_max', doc.budget?.max);
  set('entity_types', (doc.eligibility?.entity_types ?? []).join(', '));
  set('places', [...(doc.eligibility?.countries ?? []), ...(doc.eligibility?.regions ?? [])].join(', '));
  set('horizon_days', doc.horizon_days ?? 365);
  form.elements.namedItem('include_closed').checked = Boolean(doc.include_closed);
}

function input(name, attrs = {}) {
  return el('input', { attrs: { name, id: `profile-${name}`, ...attrs } });
}

export function mountForm(view, route) {
  const editing = route.action === 'edit' ? route.id : null;
  const id = input('id', { required: true, pattern: '[a-z0-9\\-]+', maxlength: '80', autocomplete: 'off', spellcheck: 'false' });
  const title = input('title', { required: true, maxlength: '200' });
  const text = el('textarea', { attrs: { name: 'text', id: 'profile-text', rows: '8', required: true } });
  const language = select('language', LANGUAGES.map((code) => [code, languageName(code)]), { id: 'profile-language', value: 'ca' });
  const keywords = el('textarea', { attrs: { name: 'keywords', id: 'profile-keywords', rows: '4' } });
  const sdgs = el('fieldset', { className: 'sdg-choices' }, el('legend', { text: t('profile.sdgs') }),
    el('div', { className: 'checkbox-grid' }, Array.from({ length: 17 }, (_, index) => {
      const box = el('input', { attrs: { type: 'checkbox', name: 'sdgs', value: String(index + 1), id: `profile-sdg-${index + 1}` } });
      return el('label', { className: `checkbox sdg-check sdg-${index + 1}`, attrs: { for: box.id } },
        box, el('span', { text: sdgLabel(index + 1) }));
    })));
  const includeClosed = el('input', { attrs: { type: 'checkbox', name: 'include_closed', id: 'profile-include-closed' } });
  const error = el('p', { className: 'form-error', attrs: { role: 'alert', hidden: true, id: 'profile-error' } });
  const submit = el('button', { className: 'button primary', text: t('profile.save'), attrs: { type: 'submit' } });
  const cancel = el('a', { className: 'button ghost', text: t('common.cancel'), attrs: { href: editing ? profileHref(editing) : '#/profiles' } });

  const form = el('form', { className: 'profile-form card stack', attrs: { id: 'profile-form', novalidate: true } },
    el('div', { className: 'form-grid' },
      field(t('profile.title'), title),
      field(t('profile.id'), id, { hint: t('profile.idHint') })),
    field(t('profile.text'), text, { hint: t('profile.textHint') }),
    el('div', { className: 'form-grid' },
      field(t('profile.language'), language),
      field(t('profile.horizon'), input('horizon_days', { type: 'number', min: '1', max: '3650', value: '365' }),
        { hint: t('profile.horizonHint') })),
    field(t('profile.keywords'), keywords, { hint: t('profile.keywordsHint') }),
    sdgs,
    field(t('profile.programmes'), input('programmes', { autocomplete: 'off' }), { hint: t('profile.programmesHint') }),
    el('div', { className: 'form-grid' },
      field(t('profile.budgetMin'), input('budget_min', { type: 'number', min: '0', step: '1000', inputmode: 'numeric' })),
      field(t('profile.budgetMax'), input('budget_max', { type: 'number', min: '0', step: '1000', inputmode: 'numeric' }))),
    el('div', { className: 'form-grid' },
      field(t('profile.entityTypes'), input('entity_types', { autocomplete: 'off' }),
        { hint: t('profile.entityTypesHint', { types: ENTITY_TYPES.join(', ') }) }),
      field(t('profile.places'), input('places', { autocomplete: 'off' }), { hint: t('profile.placesHint') })),
    el('label', { className: 'checkbox', attrs: { for: includeClosed.id } }, includeClosed, el('span', { text: t('profile.includeClosed') })),
    error,
    el('div', { className: 'form-actions' }, submit, cancel));

  view.append(pageHeader(editing ? t('profile.editTitle') : t('profile.newTitle'), { subtitle: t('profile.formIntro') }), form);

  // A new profile's id follows its title until someone types an id.
  let idTouched = Boolean(editing);
  id.addEventListener('input', () => { idTouched = true; });
  title.addEventListener('input', () => { if (!idTouched) id.value = slug(title.value); });
  if (editing) {
    id.readOnly = true;
    id.value = editing;
    loadForEdit(form, editing);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const firstInvalid = [id, title, text].find((control) => !control.checkValidity());
    if (firstInvalid) {
      showError(error, t('profile.required'));
      firstInvalid.focus();
      return;
    }
    const doc = profileFromForm(form);
    await busy(submit, async () => {
      try {
        if (editing) await api.put(`/api/profiles/${encodeURIComponent(editing)}`, doc);
        else await api.post('/api/profiles', doc);
        toast(t('profile.saved', { title: doc.title }));
        go(profileHref(doc.id));
      } catch (failure) {
        if (failure.status === 422 || failure.status === 400 || failure.status === 409) showError(error, failure.message || t('error.generic'));
        reportError(failure);
      }
    });
  });
  return {};
}

function showError(box, message) {
  box.textContent = message;
  box.hidden = false;
}

async function loadForEdit(form, id) {
  const note = el('p', { className: 'muted' }, loading());
  form.prepend(note);
  try {
    fillForm(form, await api.get(`/api/profiles/${encodeURIComponent(id)}`));
    note.remove();
  } catch (error) {
    note.replaceChildren(error.status === 404 ? notAvailable() : emptyState(t('error.generic')));
    if (error.status !== 404) reportError(error);
  }
}
