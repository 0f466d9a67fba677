// The search screen in a real browser against the offline demo: typing a
// query, facet clicks, the URL as the whole state (back button, shared link),
// the query help, spelling suggestion, similar calls, and the language switch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, searchApi } from './support/api.mjs';
import { launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { waitForResultCount, waitForRoute } from './support/app.mjs';
import { startDemo } from './support/server.mjs';

let server;
let browser;
let api;

before(async () => {
  [server, browser] = await launchBrowserBeside(startDemo('search'));
  api = await apiClient(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The API's count for a query string, read with a page large enough that the
// total is exact, not Xapian's estimate.
async function totalOf(query) {
  return (await searchApi(api, `${query}&limit=100`)).total;
}

async function hashParameter(page, name) {
  const hash = await page.evaluate(() => window.location.hash);
  return new URLSearchParams(hash.slice(hash.indexOf('?') + 1)).get(name);
}

async function search(page, text) {
  await page.locator('#search-input').fill(text);
  await page.locator('#search-input').press('Enter');
}

test('typing a query shows its results and puts it in the URL', async (t) => {
  const total = await totalOf('q=energia');
  assert.ok(total > 1, 'the demo has several calls about energy');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search');
    await search(page, 'energia');
    await waitForResultCount(page, 'ca', total);
    await waitForRoute(page, '#/search', { q: 'energia' });
    assert.equal(await page.locator('ol#results > li.result').count(), Math.min(total, 20));
    const first = page.locator('li.result').first();
    assert.match((await first.locator('a.result-title').getAttribute('href')) ?? '', /^#\/call\/./);
    assert.ok((await page.locator('ol#results .result-snippet mark').count()) > 0, 'snippets mark the query words');
  });
});

test('a facet click filters the results, the URL keeps it and back restores the search', async (t) => {
  const answer = await searchApi(api, 'q=energia&limit=100');
  const facet = answer.facets.source.find((value) => value.count > 0 && value.count < answer.total);
  assert.ok(facet, 'a source facet narrows the energy search');
  const filtered = await totalOf(`q=energia&source=${encodeURIComponent(facet.value)}`);
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia');
    await waitForResultCount(page, 'ca', answer.total);
    const button = page.locator(`#facets button.facet-value[data-facet="source"][data-value="${facet.value}"]`);
    assert.equal((await button.locator('.facet-count').textContent()).trim(), String(facet.count));
    await button.click();
    await waitForResultCount(page, 'ca', filtered);
    await waitForRoute(page, '#/search', { q: 'energia', source: facet.value });
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('li.result').count(), Math.min(filtered, 20));

    await page.goBack();
    await waitForRoute(page, '#/search', { q: 'energia', source: null });
    await waitForResultCount(page, 'ca', answer.total);
    assert.notEqual(await button.getAttribute('aria-pressed'), 'true');

    await page.goForward();
    await waitForResultCount(page, 'ca', filtered);
  });
});

test('a shared search link opens the same filtered, sorted search', async (t) => {
  const query = 'q=energia&status=open&sort=deadline';
  const answer = await searchApi(api, `${query}&limit=100`);
  await withPage(t, browser, server, { lang: 'es' }, async ({ page }) => {
    await openRoute(page, `#/search?${query}`);
    await waitForResultCount(page, 'es', answer.total);
    assert.equal(await page.locator('#search-input').inputValue(), 'energia');
    assert.equal(await page.locator('select#sort').inputValue(), 'deadline');
    const status = page.locator('#facets button.facet-value[data-facet="status"][data-value="open"]');
    assert.equal(await status.getAttribute('aria-pressed'), 'true');
    const titles = await page.locator('li.result a.result-title').allTextContents();
    assert.deepEqual(
      titles.map((title) => title.trim()),
      answer.results.slice(0, titles.length).map((hit) => hit.title),
      'results in next-deadline order',
    );
  });
});

test('sorting and the budget range change the search and the URL', async (t) => {
  const byDeadline = await searchApi(api, 'q=energia&sort=deadline&limit=100');
  const withBudget = await totalOf('q=energia&budget_min=5000000');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia');
    await page.locator('select#sort').selectOption('deadline');
    await waitForRoute(page, '#/search', { q: 'energia', sort: 'deadline' });
    // Wait for the title in the first place: the relevance-ordered list may
    // still be on screen with that title further down (a slow server).
    await page
      .locator('ol#results > li.result')
      .first()
      .locator('a.result-title', { hasText: byDeadline.results[0].title })
      .waitFor();
    assert.equal(
      (await page.locator('li.result a.result-title').first().textContent()).trim(),
      byDeadline.results[0].title,
    );

    await page.locator('#budget-min').fill('5000000');
    await page.locator('#budget-min').press('Enter');
    await waitForRoute(page, '#/search', { q: 'energia', sort: 'deadline', budget_min: '5000000' });
    await waitForResultCount(page, 'ca', withBudget);
  });
});

test('the SDG facet, the deadline range and "posted within" filter as the API does', async (t) => {
  const base = 'q=energia';
  const answer = await searchApi(api, `${base}&limit=100`);
  const [sdg] = answer.facets.sdg;
  assert.ok(sdg, 'the energy search has SDG facet values');
  const withSdg = `${base}&sdg=${sdg.value}`;
  const withRange = `${withSdg}&deadline_from=2026-12-01&deadline_to=2027-06-30`;
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, `#/search?${base}`);
    await page.locator(`#facets button.facet-value[data-facet="sdg"][data-value="${sdg.value}"]`).click();
    await waitForRoute(page, '#/search', { q: 'energia', sdg: sdg.value });
    await waitForResultCount(page, 'ca', await totalOf(withSdg));

    await page.locator('#deadline-from').fill('2026-12-01');
    await page.locator('#deadline-to').fill('2027-06-30');
    await waitForRoute(page, '#/search', { sdg: sdg.value, deadline_from: '2026-12-01', deadline_to: '2027-06-30' });
    await waitForResultCount(page, 'ca', await totalOf(withRange));

    const days = await page
      .locator('select#posted-within option')
      .evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
    assert.ok(days.length > 0, 'the "posted within" choices');
    await page.locator('select#posted-within').selectOption(days.at(-1));
    await waitForRoute(page, '#/search', { sdg: sdg.value, posted_within_days: days.at(-1) });
    await waitForResultCount(page, 'ca', await totalOf(`${withRange}&posted_within_days=${days.at(-1)}`));
  });
});

test('a deadline-month facet filters to calls due that month, as many as it counts', async (t) => {
  const answer = await searchApi(api, 'q=energia&limit=100');
  const month = answer.facets.deadline_month.find((value) => value.count > 0 && value.count < answer.total);
  assert.ok(month, 'the energy search has calls due in different months');
  await withPage(t, browser, server, { lang: 'en' }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia');
    await page.locator(`#facets button.facet-value[data-facet="deadline_month"][data-value="${month.value}"]`).click();
    await waitForRoute(page, '#/search', { q: 'energia', deadline_from: `${month.value}-01` });
    await waitForResultCount(page, 'en', month.count);
    const [from, to] = [await hashParameter(page, 'deadline_from'), await hashParameter(page, 'deadline_to')];
    assert.equal(
      await totalOf(`q=energia&deadline_from=${from}&deadline_to=${to}`),
      month.count,
      'facet count = results',
    );
  });
});

test('searching a topic identifier finds that topic first', async (t) => {
  const [open] = (await searchApi(api, 'kind=topic&status=open&limit=1')).results;
  assert.ok(open?.topic_id, 'the demo has an open topic with an identifier');
  await withPage(t, browser, server, { lang: 'en' }, async ({ page }) => {
    await openRoute(page, '#/search');
    await search(page, open.topic_id);
    const first = page.locator('li.result a.result-title').first();
    await page.locator('li.result a.result-title', { hasText: open.title }).first().waitFor();
    assert.equal((await first.textContent()).trim(), open.title);
  });
});

test('the query help panel opens, explains the syntax and closes', async (t) => {
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search');
    const toggle = page.locator('button#query-help-toggle');
    const help = page.locator('#query-help');
    assert.equal(await help.isVisible(), false, 'the help starts closed');
    await toggle.click();
    await help.waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const text = await help.textContent();
    assert.match(text, /title:/, 'the help shows a field search');
    assert.match(text, /"/, 'the help shows a phrase search');
    assert.match(text, /\b(AND|OR|NOT)\b/, 'the help shows the boolean operators');
    await toggle.click();
    await help.waitFor({ state: 'hidden' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  });
});

test('a misspelt query offers the corrected one, which searches when clicked', async (t) => {
  const misspelt = 'renovaton';
  const answer = await searchApi(api, `q=${misspelt}`);
  assert.equal(typeof answer.suggestion, 'string', 'the API suggests a spelling');
  const corrected = await totalOf(`q=${encodeURIComponent(answer.suggestion)}`);
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, `#/search?q=${misspelt}`);
    const suggestion = page.locator('#suggestion');
    await suggestion.waitFor({ state: 'visible' });
    assert.match(await suggestion.textContent(), new RegExp(answer.suggestion));
    await suggestion.locator('a, button').first().click();
    await waitForRoute(page, '#/search', { q: answer.suggestion });
    await waitForResultCount(page, 'ca', corrected);
  });
});

test('a query the parser cannot read shows its message, not an empty list', async (t) => {
  const { error } = await api.getJson('/api/search?q=energy%20AND', 400);
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page, allowErrors }) => {
    allowErrors(/status of 400/);
    await openRoute(page, '#/search');
    await search(page, 'energy AND');
    await page
      .getByText(error.message.replace(/^.*?: /, ''))
      .first()
      .waitFor();
  });
});

test('"similar calls" on a result lists other calls, never the result itself', async (t) => {
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia&status=open');
    const first = page.locator('li.result').first();
    const ownLink = await first.locator('a.result-title').getAttribute('href');
    const toggle = first.locator('button.similar-toggle');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const similar = first.locator('a[href^="#/call/"]:not(.result-title)');
    await similar.first().waitFor();
    const links = await similar.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.ok(links.length > 0 && !links.includes(ownLink), `similar calls ${links} exclude ${ownLink}`);
  });
});

test('the language switch changes every label and <html lang>, and is remembered', async (t) => {
  // A browser of its own: the choice stays in its localStorage.
  await withPage(t, browser, server, { lang: 'ca', fresh: true }, async ({ page }) => {
    await openRoute(page, '#/search');
    const html = page.locator('html');
    const searchLink = page.locator('nav#main-nav a[href="#/search"]');
    const calendarLink = page.locator('nav#main-nav a[href="#/calendar"]');
    const labels = {};
    for (const lang of ['ca', 'es', 'en']) {
      if (lang !== 'ca') await page.locator('select#lang-switch').selectOption(lang);
      await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
      assert.equal(await page.locator('select#lang-switch').inputValue(), lang);
      labels[lang] = [(await searchLink.textContent()).trim(), (await calendarLink.textContent()).trim()];
    }
    assert.notDeepEqual(labels.ca, labels.es, 'Spanish labels differ from Catalan');
    assert.notDeepEqual(labels.es, labels.en, 'English labels differ from Spanish');
    assert.notDeepEqual(labels.ca, labels.en, 'English labels differ from Catalan');
    await page.reload();
    // index.html says lang="ca" until the app has read the stored choice and
    // translated the page (i18n.js translateDocument); wait for that, not for the nav.
    await page
      .locator('html[lang="en"]')
      .waitFor({ state: 'attached', timeout: 15000 })
      .catch(() => {});
    assert.equal(await html.getAttribute('lang'), 'en', 'the chosen language survives a reload');
    assert.deepEqual([(await searchLink.textContent()).trim(), (await calendarLink.textContent()).trim()], labels.en);
  });
});

test('a Spanish browser gets the Spanish UI without choosing', async (t) => {
  await withPage(t, browser, server, { lang: 'es' }, async ({ page }) => {
    await openRoute(page, '#/search');
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    assert.equal(await page.locator('select#lang-switch').inputValue(), 'es');
  });
});
