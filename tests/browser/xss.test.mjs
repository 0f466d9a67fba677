// Script injection through harvested data and user input: records whose every
// field carries a payload (fixtures/xss/records.jsonl) are indexed with
// `convoca index` and served; each screen must show the payloads as text and
// run none of them. Pages are checked twice: without the CSP (so only
// escaping protects them and a payload that slipped through would set the
// window.__xss tripwire) and with it (where a slip shows as a CSP violation,
// which fails the test like any console error).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { apiClient } from './support/api.mjs';
import { launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { callRoute, profileRoute, waitForResultCount } from './support/app.mjs';
import { projectRoot } from './support/env.mjs';
import { runConvoca, startServe } from './support/server.mjs';

const FIXTURE = path.join(projectRoot, 'fixtures/xss/records.jsonl');
const records = readFileSync(FIXTURE, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const everyField = records.find((record) => record.id === 'xss:every-field');

const MODES = [
  { label: 'escaping alone (CSP bypassed)', bypassCSP: true },
  { label: 'with the CSP', bypassCSP: false },
];

let dataDir;
let indexOutput;
let server;
let browser;
let api;

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'convoca-browser-xss-'));
  indexOutput = await runConvoca(['index', FIXTURE, '--data', dataDir]);
  [server, browser] = await launchBrowserBeside(startServe(dataDir, 'xss'));
  api = await apiClient(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// Fails when anything a payload carries reached the DOM as markup, or ran.
// An injected <img src=x onerror> runs its handler once loading "x" fails,
// so the check first waits until every image has finished loading.
async function assertNothingInjected(page) {
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  const found = await page.evaluate(() => ({
    tripwire: window.__xss ?? null,
    handlers: [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${element.localName} ${a.name}`),
    ),
    inlineScripts: document.querySelectorAll('script:not([src])').length,
    injected: [...document.body.querySelectorAll('iframe, svg script, style, object, embed')].map((e) => e.localName),
    javascriptLinks: [...document.querySelectorAll('[href], [src]')]
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src'))
      .filter((url) => /^\s*javascript:/i.test(url)),
  }));
  assert.deepEqual(found, { tripwire: null, handlers: [], inlineScripts: 0, injected: [], javascriptLinks: [] });
}

test('the validator accepts every payload record and the index holds them', () => {
  assert.equal(indexOutput.code, 0, indexOutput.stderr);
  assert.match(indexOutput.stderr, new RegExp(`${records.length} new, .* 0 rejected`));
});

for (const mode of MODES) {
  test(`search results show payloads as text and run none: ${mode.label}`, async (t) => {
    await withPage(t, browser, server, { lang: 'en', bypassCSP: mode.bypassCSP }, async ({ page }) => {
      await openRoute(page, '#/search?q=xsstripwire');
      await waitForResultCount(page, 'en', records.length);
      const titles = (await page.locator('li.result a.result-title').allTextContents()).map((title) => title.trim());
      assert.deepEqual(titles.sort(), records.map((record) => record.title).sort());
      assert.ok(await page.getByText("<script>window.__xss='title'</script>").first().isVisible());
      await assertNothingInjected(page);

      // The payload programme code is a facet value: it must filter, not break out.
      const programmes = page.locator('#facets button.facet-value[data-facet="programme"]');
      const values = await programmes.evaluateAll((buttons) => buttons.map((b) => b.dataset.value));
      const payload = values.findIndex((value) => value === everyField.programme_code);
      assert.ok(payload >= 0, `the payload programme is a facet value: ${values}`);
      await programmes.nth(payload).click();
      await waitForResultCount(page, 'en', 1);
      await assertNothingInjected(page);
    });
  });

  test(`every call page shows its payloads as text and runs none: ${mode.label}`, async (t) => {
    await withPage(t, browser, server, { lang: 'ca', bypassCSP: mode.bypassCSP }, async ({ page }) => {
      for (const record of records) {
        await openRoute(page, callRoute(record.id));
        const title = page.locator('h1#call-title');
        await title.filter({ hasText: 'xsstripwire' }).waitFor();
        assert.equal((await title.textContent()).trim(), record.title);
        await assertNothingInjected(page);
      }
      await openRoute(page, callRoute(everyField.id));
      await page.locator('h1#call-title', { hasText: 'xsstripwire' }).waitFor();
      const keywords = await page.locator('#call-keywords').textContent();
      for (const keyword of everyField.keywords) assert.ok(keywords.includes(keyword), `keyword "${keyword}" as text`);
      const eligibility = await page.locator('#call-eligibility').textContent();
      assert.ok(eligibility.includes(everyField.eligible_entities[0]), 'eligibility as text');
      assert.ok((await page.locator('#call-ids').textContent()).includes(everyField.call_id), 'call id as text');
      const documents = await page
        .locator('ul#call-documents a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.deepEqual(documents, everyField.documents, 'a document URL stays one attribute value');
      await assertNothingInjected(page);
    });
  });
}

test('the calendar shows payload titles as text and runs none', async (t) => {
  const deadlines = records.reduce((sum, record) => sum + record.deadlines.length, 0);
  await withPage(t, browser, server, { lang: 'es', bypassCSP: true }, async ({ page }) => {
    await openRoute(page, '#/calendar?q=xsstripwire');
    const events = page.locator('#calendar .calendar-event');
    await events.first().waitFor();
    assert.equal(await events.count(), deadlines);
    assert.ok((await page.locator('#calendar').textContent()).includes(everyField.title));
    await assertNothingInjected(page);
  });
});

test('text people type (profile, saved search, pipeline notes) is shown as text', async (t) => {
  const payload = (field) => `<img src=x onerror="window.__xss='${field}'">"><script>window.__xss='${field}'</script>`;
  await api.sendJson(
    'POST',
    '/api/profiles',
    {
      id: 'xss-profile',
      title: `Perfil ${payload('profile-title')}`,
      description: `xsstripwire ${payload('profile-text')}`,
    },
    201,
  );
  await api.sendJson('POST', '/api/searches', { name: `Cerca ${payload('search-name')}`, query: 'q=xsstripwire' }, 201);
  await api.sendJson(
    'PUT',
    '/api/pipeline',
    { record_id: everyField.id, profile_id: '', state: 'preparing', owner: payload('owner'), notes: payload('notes') },
    200,
  );
  await withPage(t, browser, server, { lang: 'ca', bypassCSP: true }, async ({ page }) => {
    for (const [route, ready, text] of [
      ['#/profiles', 'ul#profiles > li.profile', payload('profile-title')],
      [profileRoute('xss-profile'), 'h1#profile-title', payload('profile-title')],
      ['#/searches', 'ul#saved-searches > li.saved-search', payload('search-name')],
      ['#/pipeline', '#pipeline-board .pipeline-card', payload('owner')],
      [callRoute(everyField.id), 'form#pipeline-form', null],
    ]) {
      await openRoute(page, route);
      await page.locator(ready).first().waitFor();
      if (text)
        assert.ok((await page.locator('main, body').first().textContent()).includes(text), `${route} shows it as text`);
      await assertNothingInjected(page);
    }
    const form = page.locator('form#pipeline-form');
    assert.equal(await form.locator('textarea[name="notes"]').inputValue(), payload('notes'));
  });
});
