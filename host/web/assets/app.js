// convoca's single-page app: loads the language and the session, then shows
// the screen the hash names (router.js) and keeps the header in step.
// Every screen module exports mount(view, route) -> { update?(route), unmount?() };
// update() returning true means the screen took the new state in place
// (so typing in the search box keeps its focus).

import { LANGUAGES, preferredLanguage, t, translateDocument, useLanguage } from './i18n.js';
import { currentSession, loadSession, logout, setUnauthorizedHandler } from './api.js';
import { button, el, reportError } from './render.js';
import { go, isRoute, onReplace, parseHash } from './router.js';
import * as search from './search.js';
import * as call from './call.js';
import * as calendar from './calendar.js';
import * as profiles from './profiles.js';
import * as profile from './profile.js';
import * as pipeline from './pipeline.js';
import * as searches from './searches.js';
import * as health from './health.js';
import * as login from './login.js';
import { refreshHarvestNotice, watchHarvest } from './harvest_notice.js';

const SCREENS = {
  search: { mount: search.mount, nav: 'search' },
  call: { mount: call.mount, nav: 'search' },
  calendar: { mount: calendar.mount, nav: 'calendar' },
  'profiles-list': { mount: profiles.mountList, nav: 'profiles' },
  'profile-form': { mount: profiles.mountForm, nav: 'profiles' },
  profile: { mount: profile.mount, nav: 'profiles' },
  pipeline: { mount: pipeline.mount, nav: 'pipeline' },
  searches: { mount: searches.mount, nav: 'searches' },
  health: { mount: health.mount, nav: 'health' },
  login: { mount: login.mount, nav: null },
  missing: { mount: missingScreen, nav: null },
};

let current = null; // { key, hash, instance }

function screenKey(route) {
  if (route.screen === 'profiles') {
    if (route.action === 'new' || route.action === 'edit') return 'profile-form';
    return route.id ? 'profile' : 'profiles-list';
  }
  return SCREENS[route.screen] ? route.screen : 'missing';
}

function missingScreen(view) {
  view.append(el('section', { className: 'card notice' },
    el('h1', { text: t('common.pageMissing') }),
    el('a', { className: 'button primary', text: t('searches.goSearch'), attrs: { href: '#/' } })));
  return {};
}

function markNavigation(key) {
  const section = SCREENS[key].nav;
  for (const link of document.querySelectorAll('#main-nav a')) {
    if (link.getAttribute('href') === `#/${section}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = section ? `${t(`nav.${section}`)} · ${t('app.title')}` : t('app.title');
}

function render({ force = false } = {}) {
  if (!isRoute()) return;
  const route = parseHash();
  const key = screenKey(route);
  markNavigation(key);
  // Same screen, new state: let it update in place (only for query changes).
  if (!force && current?.key === key && samePath(current.hash, route.hash) && current.instance.update?.(route)) {
    current.hash = route.hash;
    return;
  }
  current?.instance.unmount?.();
  const view = document.getElementById('view');
  view.replaceChildren();
  let instance = {};
  try {
    instance = SCREENS[key].mount(view, route) ?? {};
  } catch (error) {
    console.error(error);
    reportError(error);
  }
  const first = current === null;
  current = { key, hash: route.hash, instance };
  if (!first && !force) {
    window.scrollTo({ top: 0 });
    view.focus({ preventScroll: true }); // screen readers start at the new screen
  }
}

function samePath(a, b) {
  return a.split('?')[0] === b.split('?')[0];
}

function renderSessionInfo() {
  const box = document.getElementById('session-info');
  const session = currentSession();
  box.replaceChildren();
  if (session.user) {
    const out = button(t('login.logout'), { className: 'link-button', attrs: { id: 'logout' } });
    out.addEventListener('click', async () => {
      try {
        await logout();
        renderSessionInfo();
        go('#/login');
      } catch (error) {
        reportError(error);
      }
    });
    box.append(el('span', { className: 'user-name', text: t('login.as', { name: session.user.name, role: t(`role.${session.role}`) }) }), out);
  } else if (session.auth_required) {
    box.append(el('a', { className: 'link-button', text: t('login.title'), attrs: { href: '#/login' } }));
  }
}

async function switchLanguage(code) {
  try {
    await useLanguage(code, { remember: true });
  } catch (error) {
    reportError(error);
    return;
  }
  translateDocument();
  renderSessionInfo();
  refreshHarvestNotice();
  render({ force: true }); // same state, new words
}

function bindChrome() {
  const languageSwitch = document.getElementById('lang-switch');
  languageSwitch.addEventListener('change', () => switchLanguage(languageSwitch.value));
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    event.preventDefault(); // "#view" would be read as a route
    document.getElementById('view').focus();
  });
  window.addEventListener('hashchange', () => render());
  window.addEventListener('convoca:session', renderSessionInfo);
  onReplace(() => render());
  setUnauthorizedHandler(() => {
    if (parseHash().screen === 'login') return;
    const next = window.location.hash && window.location.hash !== '#' ? window.location.hash : '#/';
    go(`#/login?next=${encodeURIComponent(next)}`);
  });
}

async function start() {
  const code = preferredLanguage();
  // The words and the session are independent: ask for both at once.
  const session = loadSession().catch((error) => error);
  try {
    await useLanguage(code);
  } catch (error) {
    console.error(error); // the page still works, showing message keys
  }
  const languageSwitch = document.getElementById('lang-switch');
  languageSwitch.value = LANGUAGES.includes(code) ? code : 'ca';
  translateDocument();
  bindChrome();
  const failure = await session;
  if (failure instanceof Error) reportError(failure);
  renderSessionInfo();
  watchHarvest();
  const { auth_required: authRequired, user } = currentSession();
  if (authRequired && !user && parseHash().screen !== 'login') {
    go(`#/login?next=${encodeURIComponent(window.location.hash || '#/')}`, { replace: true });
    return;
  }
  render();
}

start();
