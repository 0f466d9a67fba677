// convoca's search page. The state lives in the URL (?q=&status=&programme=
// &sort=&page=), so back, reload and shared links show the same search; the
// page asks /api/search for it and renders the answer with render.js.

import { preferredLanguage, t, tCount, translateDocument, useLanguage } from './i18n.js';
import { el, facetSection, resultItem } from './render.js';

const FILTERS = ['status', 'programme', 'source', 'kind', 'language']; // display order
const STATUSES = ['open', 'forthcoming', 'closed'];
const SORTS = ['relevance', 'deadline', 'newest'];
const PAGE_SIZE = 20;

const $ = (id) => document.getElementById(id);

let state = readState();
let lastResponse = null;
let inFlight = null;

// ---- state <-> URL ------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(window.location.search);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    filters: Object.fromEntries(FILTERS.map((name) => [name, params.getAll(name)])),
    sort: SORTS.includes(sort) ? sort : 'relevance',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function filterParams(params, filters) {
  for (const name of FILTERS) for (const value of filters[name]) params.append(name, value);
}

function pageQuery(current) {
  const params = new URLSearchParams();
  if (current.q) params.set('q', current.q);
  filterParams(params, current.filters);
  if (current.sort !== 'relevance') params.set('sort', current.sort);
  if (current.page > 1) params.set('page', String(current.page));
  return params.toString();
}

function apiQuery(current) {
  const params = new URLSearchParams({ q: current.q });
  filterParams(params, current.filters);
  params.set('sort', current.sort);
  params.set('offset', String((current.page - 1) * PAGE_SIZE));
  params.set('limit', String(PAGE_SIZE));
  return params.toString();
}

function navigate(next) {
  state = next;
  const query = pageQuery(state);
  window.history.pushState(null, '', query ? `?${query}` : window.location.pathname);
  runSearch();
}

function hasFilters(current) {
  return FILTERS.some((name) => current.filters[name].length > 0);
}

function toggleFilter(name, value) {
  const values = state.filters[name];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  navigate({ ...state, filters: { ...state.filters, [name]: next }, page: 1 });
}

// ---- searching ----------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function fetchResults(current, signal) {
  const response = await fetch(`/api/search?${apiQuery(current)}`, { signal, headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body?.error?.message ?? '');
  return body;
}

async function runSearch() {
  syncControls();
  inFlight?.abort(); // a newer search makes the older answer useless
  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);
  try {
    lastResponse = await fetchResults(state, controller.signal);
    hideError();
    renderResponse();
  } catch (error) {
    if (error.name === 'AbortError') return;
    lastResponse = null;
    showError(error);
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      setBusy(false);
    }
  }
}

// ---- rendering ----------------------------------------------------------------

function setBusy(busy) {
  $('results').setAttribute('aria-busy', String(busy));
  if (busy && !lastResponse) $('summary').textContent = t('results.loading');
}

function showError(error) {
  const message = error instanceof ApiError && error.status === 400
    ? t('error.query', { message: error.message })
    : t('error.generic');
  $('error').textContent = message;
  $('error').hidden = false;
  $('results').replaceChildren();
  $('summary').textContent = '';
  $('pagination').hidden = true;
}

function hideError() {
  $('error').hidden = true;
}

function renderSummary(response) {
  $('summary').textContent = response.query
    ? tCount('results.countFor', response.total, { query: response.query })
    : tCount('results.count', response.total);
}

function renderResults(response) {
  const list = $('results');
  if (response.results.length === 0) {
    list.replaceChildren(el('li', { className: 'empty', text: t('results.none') }));
    return;
  }
  list.replaceChildren(...response.results.map(resultItem));
}

function renderFacets(response) {
  const sections = FILTERS.map((name) => facetSection(name, response.facets[name] ?? [], state.filters[name],
    toggleFilter, { fixedOrder: name === 'status' ? STATUSES : null }));
  $('facets').replaceChildren(...sections);
  $('clear-filters').hidden = !hasFilters(state);
}

function renderPagination(response) {
  const pages = Math.max(1, Math.ceil(response.total / PAGE_SIZE));
  $('pagination').hidden = pages <= 1;
  $('page-status').textContent = t('pagination.page', { page: state.page, pages });
  $('previous-page').disabled = state.page <= 1;
  $('next-page').disabled = state.page >= pages;
}

function renderResponse() {
  if (!lastResponse) return;
  renderSummary(lastResponse);
  renderResults(lastResponse);
  renderFacets(lastResponse);
  renderPagination(lastResponse);
}

function syncControls() {
  $('q').value = state.q;
  $('sort').value = state.sort;
}

function markLanguageButtons(code) {
  for (const button of document.querySelectorAll('[data-language]')) {
    button.setAttribute('aria-pressed', String(button.dataset.language === code));
  }
}

// ---- events -------------------------------------------------------------------

async function switchLanguage(code) {
  await useLanguage(code, { remember: true });
  markLanguageButtons(code);
  translateDocument();
  renderResponse(); // same data, new words: no need to ask the server again
}

function goToPage(page) {
  navigate({ ...state, page });
  window.scrollTo({ top: 0 });
}

function bindEvents() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    navigate({ ...state, q: $('q').value.trim(), page: 1 });
  });
  $('sort').addEventListener('change', () => navigate({ ...state, sort: $('sort').value, page: 1 }));
  $('clear-filters').addEventListener('click', () => {
    navigate({ ...state, filters: Object.fromEntries(FILTERS.map((name) => [name, []])), page: 1 });
  });
  $('previous-page').addEventListener('click', () => goToPage(state.page - 1));
  $('next-page').addEventListener('click', () => goToPage(state.page + 1));
  for (const button of document.querySelectorAll('[data-language]')) {
    button.addEventListener('click', () => switchLanguage(button.dataset.language));
  }
  window.addEventListener('popstate', () => {
    state = readState();
    runSearch();
  });
}

// Wide screens show the filters beside the results; narrow ones fold them
// away above the results until asked for.
function foldFiltersOnNarrowScreens() {
  $('filters-panel').open = window.matchMedia('(min-width: 52rem)').matches;
}

async function start() {
  const code = preferredLanguage();
  try {
    await useLanguage(code);
  } catch (error) {
    console.error(error); // the page still works, showing message keys
  }
  markLanguageButtons(code);
  translateDocument();
  foldFiltersOnNarrowScreens();
  bindEvents();
  runSearch();
}

start();
