// The screenshots the acceptance asks for: search, call page,
// calendar, matches and pipeline in Catalan, Spanish and English, each from a
// browser whose locale picks the language, saved as
// $CONVOCA_ARTIFACTS/screenshots/<lang>-<screen>.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, openCallsWithDeadlines } from './support/api.mjs';
import { launchBrowserBeside, openRoute, saveScreenshot, withPage } from './support/browser.mjs';
import { callRoute, profileRoute } from './support/app.mjs';
import { languages } from './support/env.mjs';
import { startDemo } from './support/server.mjs';

let server;
let browser;
let api;
let call;

before(async () => {
  [server, browser] = await launchBrowserBeside(startDemo('screenshots'));
  api = await apiClient(server);
  [call] = await openCallsWithDeadlines(api, 2);
  assert.ok(call, 'the demo has an open call with several deadlines');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Something in every board column, so the pipeline screenshot shows a board.
let seeded;
function seedPipeline() {
  seeded ??= (async () => {
    const others = (await openCallsWithDeadlines(api, 1)).filter((hit) => hit.id !== call.id);
    const entries = [
      [call.id, 'preparing', { owner: 'Núria Puig', notes: 'Proposta amb el consorci' }],
      [others[0].id, 'interesting', { owner: 'Jordi' }],
      [others[1].id, 'submitted', { owner: 'Marta' }],
      [others[2].id, 'discarded', { reason: 'no-partner' }],
    ];
    for (const [id, state, extra] of entries)
      await api.sendJson('PUT', '/api/pipeline', { record_id: id, profile_id: '', state, ...extra }, 200);
  })();
  return seeded;
}

// Each screen: its route and what shows it is drawn.
const SCREENS = {
  search: { route: () => '#/search?q=energia', ready: 'ol#results > li.result' },
  call: { route: () => callRoute(call.id), ready: 'ul#call-deadlines > li' },
  calendar: { route: () => '#/calendar', ready: '#calendar .calendar-event' },
  matches: { route: () => profileRoute('amb-transicio-energetica'), ready: 'ol#matches > li.match' },
  pipeline: { route: () => '#/pipeline', ready: '#pipeline-board .pipeline-card', prepare: seedPipeline },
};

for (const lang of languages) {
  for (const [screen, { route, ready, prepare }] of Object.entries(SCREENS)) {
    test(`${screen} screen in ${lang}`, async (t) => {
      await prepare?.();
      await withPage(t, browser, server, { lang }, async ({ page }) => {
        await openRoute(page, route());
        await page.locator(ready).first().waitFor();
        assert.equal(await page.locator('html').getAttribute('lang'), lang, 'the browser locale picks the language');
        await saveScreenshot(page, lang, screen);
      });
    });
  }
}

test('the search screen fits a phone', async (t) => {
  await withPage(t, browser, server, { lang: 'ca', viewport: { width: 390, height: 844 } }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia');
    await page.locator('ol#results > li.result').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
    await saveScreenshot(page, 'ca', 'search-phone');
  });
});
