// The call page: every deadline with its time, the status, the SDG tags with
// why each was given, identifiers, sources and similar calls.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, openCallsWithDeadlines } from './support/api.mjs';
import { launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { callRoute } from './support/app.mjs';
import { startDemo } from './support/server.mjs';

let server;
let browser;
let api;

before(async () => {
  [server, browser] = await launchBrowserBeside(startDemo('call'));
  api = await apiClient(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Every open demo call as search shows it (hit) and as GET /api/calls/{id}
// gives it ({call, record, changes}), fetched once.
let openCallDetails;
function detailsOfOpenCalls() {
  openCallDetails ??= (async () => {
    // One request at a time: ~5 ms each, while 55 at once take the server
    // tens of seconds.
    const details = [];
    for (const hit of await openCallsWithDeadlines(api, 1))
      details.push({ hit, ...(await api.getJson(`/api/calls/${encodeURIComponent(hit.id)}`)) });
    return details;
  })();
  return openCallDetails;
}

async function findCall(description, predicate) {
  const found = (await detailsOfOpenCalls()).find(predicate);
  assert.ok(found, `the demo has ${description}`);
  return found;
}

const sdgTagsOf = (detail) => detail.record.analysis?.sdg_tags ?? [];

// A two-stage call or a cut-off series, with SDG tags.
function callWithDeadlinesAndSdgs() {
  return findCall(
    'an open call with several deadlines and SDG tags',
    (d) => d.call.deadlines.length >= 2 && sdgTagsOf(d).length > 0,
  );
}

// "2027-01-15T17:00:00+01:00" -> "17:00": the wall time of an RFC 3339
// instant in its own offset (Europe/Madrid's in API hits).
function wallTimeOf(instant) {
  return instant.slice(11, 16);
}

test('the call page shows the title, ids, every deadline with its time and the status', async (t) => {
  const { call } = await callWithDeadlinesAndSdgs();
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, callRoute(call.id));
    await page.locator('h1#call-title', { hasText: call.title }).waitFor();
    const deadlines = page.locator('ul#call-deadlines > li');
    assert.equal(await deadlines.count(), call.deadlines.length);
    for (const [index, deadline] of call.deadlines.entries()) {
      const text = await deadlines.nth(index).textContent();
      assert.ok(text.includes(wallTimeOf(deadline)), `deadline ${deadline} shown as "${text}"`);
    }
    assert.ok((await page.locator('#call-status').textContent()).trim().length > 0, 'the status is shown');
    const ids = await page.locator('#call-ids').textContent();
    for (const id of [call.call_id, call.topic_id].filter(Boolean))
      assert.ok(ids.includes(id), `#call-ids shows ${id}: "${ids}"`);
  });
});

test("a deadline shows both the Madrid time and the source's own time when they differ", async (t) => {
  // The record keeps the source's own offset; the hit gives Europe/Madrid's.
  const detail = await findCall('an open call whose source writes deadlines in another zone', (d) =>
    d.record.deadlines.some((own, index) => wallTimeOf(own) !== wallTimeOf(d.call.deadlines[index])),
  );
  const index = detail.record.deadlines.findIndex((own, i) => wallTimeOf(own) !== wallTimeOf(detail.call.deadlines[i]));
  await withPage(t, browser, server, { lang: 'en' }, async ({ page }) => {
    await openRoute(page, callRoute(detail.call.id));
    const text = await page.locator('ul#call-deadlines > li').nth(index).textContent();
    assert.ok(text.includes(wallTimeOf(detail.call.deadlines[index])), `Madrid time in "${text}"`);
    assert.ok(text.includes(wallTimeOf(detail.record.deadlines[index])), `the source's own time in "${text}"`);
  });
});

test('the call page lists each SDG tag with why it was given', async (t) => {
  const detail = await callWithDeadlinesAndSdgs();
  await withPage(t, browser, server, { lang: 'en' }, async ({ page }) => {
    await openRoute(page, callRoute(detail.call.id));
    const tags = page.locator('ul#call-sdgs > li');
    await tags.first().waitFor();
    assert.equal(await tags.count(), sdgTagsOf(detail).length);
    for (const [index, tag] of sdgTagsOf(detail).entries()) {
      const text = await tags.nth(index).textContent();
      assert.ok(text.includes(String(tag.goal)), `SDG ${tag.goal} is named in "${text}"`);
      assert.ok(
        tag.why.some((word) => text.includes(word)),
        `SDG ${tag.goal} says why (${tag.why}) in "${text}"`,
      );
    }
  });
});

test('the call page links every source it came from and its documents', async (t) => {
  // Search merges one call published by several sources into one hit.
  const merged = await findCall('an open call found in two sources', (d) => d.hit.sources.length >= 2);
  const documented = await findCall('an open call with documents', (d) => (d.record.documents ?? []).length > 0);
  await withPage(t, browser, server, { lang: 'es' }, async ({ page }) => {
    const links = (selector) =>
      page.locator(selector).evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    await openRoute(page, callRoute(merged.call.id));
    await page.locator('h1#call-title', { hasText: merged.call.title }).waitFor();
    const sourceLinks = await links('ul#call-sources a');
    for (const source of merged.hit.sources.filter((s) => s.url))
      assert.ok(sourceLinks.includes(source.url), `source ${source.id} links ${source.url}`);
    assert.equal(await page.locator('#call-changes').count(), 1, 'the change log section is there');

    await openRoute(page, callRoute(documented.call.id));
    await page.locator('h1#call-title', { hasText: documented.call.title }).waitFor();
    const documentLinks = await links('ul#call-documents a');
    for (const url of documented.record.documents) assert.ok(documentLinks.includes(url), `document ${url} is linked`);
  });
});

test('the call page lists similar calls, each another call', async (t) => {
  const { call } = await callWithDeadlinesAndSdgs();
  const { results } = await api.getJson(`/api/calls/${encodeURIComponent(call.id)}/similar?limit=5`);
  assert.ok(results.length > 0, 'the demo has calls similar to this one');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, callRoute(call.id));
    const similar = page.locator('ol#similar a[href^="#/call/"]');
    await similar.first().waitFor();
    const titles = (await similar.allTextContents()).map((text) => text.trim());
    assert.ok(!titles.includes(call.title), 'a call is not similar to itself');
    assert.ok(titles.includes(results[0].title), `the most similar call "${results[0].title}" is listed`);
    await similar.first().click();
    await page.locator('h1#call-title', { hasText: titles[0] }).waitFor();
  });
});

test('an unknown call id shows a not-found message, not an empty page', async (t) => {
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page, allowErrors }) => {
    allowErrors(/status of 404/);
    await openRoute(page, callRoute('eu-ft:NO-SUCH-CALL'));
    await page.locator('#toast, [role="alert"]').filter({ hasText: /\S/ }).first().waitFor();
    assert.equal(await page.locator('ul#call-deadlines > li').count(), 0);
  });
});
