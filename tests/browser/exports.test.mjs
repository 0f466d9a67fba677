// The calendar and every export a person downloads from the browser: ICS
// (RFC 5545), CSV (RFC 4180, BOM, accents), saved searches with their Atom
// and ICS feeds, and the harvest health page.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { apiClient, searchApi } from './support/api.mjs';
import { downloadBy, launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { checkAtom, checkCsv, checkIcs } from './support/formats.mjs';
import { projectRoot } from './support/env.mjs';
import { runConvoca, startDemo } from './support/server.mjs';

let server;
let browser;
let api;

before(async () => {
  [server, browser] = await launchBrowserBeside(startDemo('exports'));
  api = await apiClient(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// "2027-01-21T17:00:00+01:00" -> "20270121T160000Z", as DTSTART writes it.
function icsUtc(instant) {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

// An iCalendar TEXT value back to plain text (RFC 5545 3.3.11).
function icsText(value) {
  return value.replace(/\\([nN]|[,;\\])/g, (_, c) => (c === 'n' || c === 'N' ? '\n' : c));
}

test('the calendar groups the upcoming deadlines by week and by month', async (t) => {
  const list = await api.getJson('/api/calendar?limit=500');
  assert.ok(list.total > 0, 'the demo has upcoming deadlines');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/calendar');
    const events = page.locator('#calendar .calendar-event');
    await events.first().waitFor();
    assert.equal(await events.count(), list.total);
    assert.ok((await page.locator('#calendar .calendar-week').count()) > 0, 'grouped by week');
    assert.ok((await events.first().textContent()).includes(list.results[0].title), 'earliest deadline first');
    await page.locator('button#calendar-by-month').click();
    await page.locator('#calendar .calendar-month').first().waitFor();
    assert.equal(await events.count(), list.total);
    await page.locator('button#calendar-by-week').click();
    await page.locator('#calendar .calendar-week').first().waitFor();
  });
});

test('the calendar filters like search and downloads its deadlines as ICS and CSV', async (t) => {
  const list = await api.getJson('/api/calendar?q=energia&limit=500');
  assert.ok(list.total > 0 && list.total < (await api.getJson('/api/calendar?limit=500')).total);
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/calendar?q=energia');
    const events = page.locator('#calendar .calendar-event');
    await events.first().waitFor();
    assert.equal(await events.count(), list.total);

    const ics = await downloadBy(page, page.locator('a#calendar-ics'), 'calendar.ics');
    assert.match(ics.suggestedName, /\.ics$/);
    const vevents = checkIcs(ics.bytes);
    assert.equal(vevents.length, list.total, 'one VEVENT per deadline');
    for (const event of vevents) assert.match(event.get('UID'), /^[0-9a-f]{40}@convoca$/);
    assert.deepEqual(
      vevents.map((event) => event.get('DTSTART')).sort(),
      list.results.map((entry) => icsUtc(entry.deadline)).sort(),
      'DTSTART is each deadline in UTC',
    );
    const summaries = new Set(vevents.map((event) => icsText(event.get('SUMMARY'))));
    for (const entry of list.results)
      assert.ok(
        [...summaries].some((s) => s.includes(entry.title)),
        `an event names "${entry.title}"`,
      );

    const csv = checkCsv((await downloadBy(page, page.locator('a#calendar-csv'), 'calendar.csv')).bytes);
    assert.equal(csv.rows.length, list.total);
  });
});

test('the ICS of a calendar is stable: the same deadline keeps its UID and sequence', async () => {
  const fetchIcs = async () =>
    Buffer.from(await (await api.request('GET', '/api/calendar.ics?q=energia')).arrayBuffer());
  const [first, second] = [checkIcs(await fetchIcs()), checkIcs(await fetchIcs())];
  const key = (event) => `${event.get('UID')} ${event.get('SEQUENCE')} ${event.get('DTSTART')}`;
  assert.deepEqual(second.map(key), first.map(key));
});

test('a search downloads as CSV with a BOM, its columns and its accents intact', async (t) => {
  const answer = await searchApi(api, 'q=habitatge&limit=100');
  const accented = answer.results.filter((hit) => /[àáèéíïòóúüçñ·]/i.test(hit.title));
  assert.ok(accented.length > 0, 'the housing search finds Catalan or Spanish titles');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search?q=habitatge');
    await page.locator('li.result').first().waitFor();
    const download = await downloadBy(page, page.locator('a#export-csv'), 'search.csv');
    assert.match(download.suggestedName, /^convoca-.*\.csv$/);
    const { header, rows } = checkCsv(download.bytes);
    const titleColumn = header.findIndex((name) => name.toLowerCase() === 'title');
    const idColumn = header.findIndex((name) => name.toLowerCase() === 'id');
    assert.ok(titleColumn >= 0 && idColumn >= 0, `id and title columns: ${header}`);
    assert.equal(rows.length, answer.total);
    assert.deepEqual(
      rows.map((row) => row[idColumn]),
      answer.results.map((hit) => hit.id),
    );
    const titles = new Set(rows.map((row) => row[titleColumn]));
    for (const hit of accented) assert.ok(titles.has(hit.title), `"${hit.title}" is in the CSV as it is`);
  });
});

// Saves the page's search under `name`: the UI may ask with a prompt() or
// with a small form holding input[name=name].
async function saveCurrentSearch(page, name) {
  let prompted = false;
  const answer = async (dialog) => {
    prompted = true;
    await dialog.accept(name);
  };
  page.once('dialog', answer);
  await page.locator('button#save-search').click();
  page.off('dialog', answer);
  if (prompted) return;
  const input = page.locator('input[name="name"]').filter({ visible: true }).first();
  await input.fill(name);
  await input.press('Enter');
}

test('a saved search gets an Atom feed and an ICS feed that work, and can be deleted', async (t) => {
  const answer = await searchApi(api, 'q=energia&status=open&limit=100');
  const name = 'Energia oberta — prova';
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia&status=open');
    await page.locator('li.result').first().waitFor();
    await saveCurrentSearch(page, name);
    await openRoute(page, '#/searches');
    const item = page.locator('ul#saved-searches > li.saved-search', { hasText: name });
    await item.waitFor();

    const atom = await page.request.get(await item.locator('a.feed-atom').getAttribute('href'));
    assert.equal(atom.status(), 200);
    assert.match(atom.headers()['content-type'], /^application\/atom\+xml/);
    const feed = await checkAtom(page, await atom.text());
    assert.ok(feed.entries.length > 0, 'the feed lists the calls of the search');
    const titles = new Set(answer.results.map((hit) => hit.title));
    for (const entry of feed.entries) assert.ok(titles.has(entry.title), `"${entry.title}" belongs to the search`);

    const ics = await page.request.get(await item.locator('a.feed-ics').getAttribute('href'));
    assert.equal(ics.status(), 200);
    assert.match(ics.headers()['content-type'], /^text\/calendar/);
    assert.ok(checkIcs(await ics.body()).length > 0);

    const confirm = (dialog) => dialog.accept();
    page.once('dialog', confirm);
    await item.locator('button.delete').click();
    await item.waitFor({ state: 'detached' });
    page.off('dialog', confirm);
  });
  const { results } = await api.getJson('/api/searches');
  assert.ok(!results.some((saved) => saved.name === name), 'the deleted search is gone');
});

// The sources the demo harvests: every usable plugin with recorded exchanges.
async function demoSources() {
  const { code, stdout } = await runConvoca(['plugins', '--json', '--data', server.dataDir]);
  assert.equal(code, 0);
  return JSON.parse(stdout)
    .filter((plugin) => plugin.state === 'ok')
    .map((plugin) => plugin.id)
    .filter((id) => existsSync(path.join(projectRoot, 'fixtures', id, 'exchanges')));
}

test('the health page lists every demo source with its last run, and the run history', async (t) => {
  const sources = await demoSources();
  assert.ok(sources.length >= 5, `demo sources: ${sources}`);
  await withPage(t, browser, server, { lang: 'en' }, async ({ page }) => {
    await openRoute(page, '#/health');
    const rows = page.locator('table#sources-table tbody tr');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    for (const id of sources)
      assert.ok(
        texts.some((text) => text.includes(id)),
        `${id} has a row`,
      );
    assert.ok((await page.locator('table#runs-table tbody tr').count()) > 0, 'the run history is shown');
  });
});
