// The login form (#/login?next=<hash>), also shown whenever the API answers
// 401. After signing in the page returns to where the person was going.

import { currentSession, login } from './api.js';
import { t } from './i18n.js';
import { busy, el, field } from './render.js';
import { go } from './router.js';

export function mount(view, route) {
  const next = route.params.get('next');
  const target = next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/';
  const username = el('input', { attrs: { name: 'username', id: 'login-username', autocomplete: 'username', required: true } });
  const password = el('input', {
    attrs: { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true },
  });
  const error = el('p', { className: 'form-error', attrs: { role: 'alert', hidden: true } });
  const submit = el('button', { className: 'button primary', text: t('login.submit'), attrs: { type: 'submit' } });
  const form = el('form', { className: 'login-form card stack', attrs: { id: 'login-form' } },
    el('h1', { text: t('login.title') }),
    el('p', { className: 'muted', text: t('login.intro') }),
    field(t('login.username'), username), field(t('login.password'), password), error, submit);
  view.append(el('div', { className: 'login-page' }, form));
  if (currentSession().user) {
    error.textContent = t('login.already', { name: currentSession().user.name });
    error.hidden = false;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value || !password.value) {
      error.textContent = t('login.missing');
      error.hidden = false;
      return;
    }
    await busy(submit, async () => {
      try {
        await login(username.value.trim(), password.value);
        window.dispatchEvent(new CustomEvent('convoca:session'));
        go(target);
      } catch (failure) {
        error.textContent = failure.status === 401 ? t('login.wrong')
          : failure.status === 429 ? t('login.tooMany') : (failure.message || t('error.generic'));
        error.hidden = false;
        password.focus();
        password.select(); // typing replaces it; nothing typed meanwhile is lost
      }
    });
  });
  username.focus();
  return {};
}
