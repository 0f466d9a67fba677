// The header's "harvest running" link: while the newest harvest run has no end,
// results may change under the user as sources commit, so every screen says so
// and links to the health page. Checked at start and then every minute.

import { api, currentSession, rowsOf } from './api.js';
import { t } from './i18n.js';
import { el } from './render.js';

const POLL_MS = 60000;

let timer = null;

async function newestRunIsOpen() {
  const { auth_required: authRequired, user } = currentSession();
  if (authRequired && !user) return false; // nothing to read before logging in
  try {
    const [newest] = rowsOf(await api.get('/api/runs', { limit: 1 }), 'runs');
    return Boolean(newest && !newest.finished_at);
  } catch {
    return false; // the notice is a courtesy: no error toast for it
  }
}

export async function refreshHarvestNotice() {
  const box = document.getElementById('harvest-notice');
  if (!box) return;
  const running = await newestRunIsOpen();
  box.replaceChildren();
  box.hidden = !running;
  if (running) {
    box.append(el('a', { className: 'harvest-notice-link', text: t('header.harvestRunning'), attrs: { href: '#/health' } }));
  }
}

export function watchHarvest() {
  refreshHarvestNotice();
  clearInterval(timer);
  timer = setInterval(refreshHarvestNotice, POLL_MS);
}
