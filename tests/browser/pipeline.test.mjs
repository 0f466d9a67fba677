// The pipeline: a call's state per profile (interesting, preparing,
// submitted, discarded with a reason), set on the call page or on the board,
// and the board's CSV export for management.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, searchApi } from './support/api.mjs';
import { downloadBy, launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { callRoute } from './support/app.mjs';
import { checkCsv } from './support/formats.mjs';
import { startDemo } from './support/server.mjs';

const REASONS = ['not-eligible', 'no-cofinancing', 'deadline-too-close', 'no-partner', 'out-of-scope', 'other'];

let server;
let browser;
let api;
let openCalls;

before(async () => {
  [server, browser] = await launchBrowserBeside(startDemo('pipeline'));
  api = await apiClient(server);
  openCalls = (await searchApi(api, 'status=open&sort=deadline&limit=100')).results;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Each test takes its own call, so their entries never collide.
function openCall(index) {
  assert.ok(openCalls.length > index, 'the demo has enough open calls');
  return openCalls[index];
}

async function pipelineEntry(recordId) {
  const list = await api.getJson('/api/pipeline?limit=100');
  return list.results.find((entry) => entry.record_id === recordId && entry.profile_id === '');
}

// Polls the API until the entry of recordId satisfies `check` (the UI saves
// in the background); returns it.
async function waitForEntry(recordId, check) {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const entry = await pipelineEntry(recordId);
    if (entry && check(entry)) return entry;
    if (Date.now() > deadline) throw new Error(`pipeline entry of ${recordId} is ${JSON.stringify(entry)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function putEntry(recordId, state, extra = {}) {
  return api.sendJson('PUT', '/api/pipeline', { record_id: recordId, profile_id: '', state, ...extra }, 200);
}

function card(page, state, recordId) {
  return page.locator(
    `#pipeline-board .pipeline-column[data-state="${state}"] .pipeline-card[data-record-id="${recordId}"]`,
  );
}

test('setting a call to "preparing" on its page puts it in that board column', async (t) => {
  const call = openCall(0);
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, callRoute(call.id));
    const form = page.locator('form#pipeline-form');
    await form.locator('select[name="state"]').selectOption('preparing');
    await form.locator('input[name="owner"]').fill('Núria Puig');
    await form.locator('textarea[name="notes"]').fill("Cal un soci d'Itàlia abans de l'estiu");
    await form.locator('[type="submit"]').click();
    const entry = await waitForEntry(call.id, (e) => e.state === 'preparing');
    assert.equal(entry.owner, 'Núria Puig');
    assert.equal(entry.notes, "Cal un soci d'Itàlia abans de l'estiu");

    await openRoute(page, '#/pipeline');
    const preparing = card(page, 'preparing', call.id);
    await preparing.waitFor();
    assert.match(await preparing.textContent(), /Núria Puig/);
    assert.equal(await card(page, 'interesting', call.id).count(), 0, 'the call is in one column only');
  });
});

test('the API refuses discarding without a reason, and a reason on any other state', async () => {
  const call = openCall(1);
  const withoutReason = await api.request('PUT', '/api/pipeline', {
    json: { record_id: call.id, profile_id: '', state: 'discarded' },
  });
  assert.ok([400, 422].includes(withoutReason.status), `discarded without reason: ${withoutReason.status}`);
  assert.equal(typeof (await withoutReason.json()).error.message, 'string');
  const misplacedReason = await api.request('PUT', '/api/pipeline', {
    json: { record_id: call.id, profile_id: '', state: 'interesting', reason: 'no-partner' },
  });
  assert.ok([400, 422].includes(misplacedReason.status), `interesting with a reason: ${misplacedReason.status}`);
  assert.equal(await pipelineEntry(call.id), undefined, 'nothing was stored');
});

test('discarding on the call page needs a reason from the fixed list', async (t) => {
  const call = openCall(2);
  await putEntry(call.id, 'preparing', { owner: 'Jordi' });
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page, allowErrors }) => {
    allowErrors(/status of (400|422)/); // the UI may let the server refuse it
    await openRoute(page, callRoute(call.id));
    const form = page.locator('form#pipeline-form');
    const reason = form.locator('select[name="reason"]');
    const offered = await reason
      .locator('option')
      .evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
    assert.deepEqual([...offered].sort(), [...REASONS].sort());

    await form.locator('select[name="state"]').selectOption('discarded');
    if (await reason.isVisible()) await reason.selectOption('');
    await form.locator('[type="submit"]').click();
    const refused = page.locator('#toast, select[name="reason"]:invalid').filter({ visible: true });
    await refused.first().waitFor();
    assert.equal((await pipelineEntry(call.id)).state, 'preparing', 'no reason, no discard');

    await reason.selectOption('no-partner');
    await form.locator('[type="submit"]').click();
    const entry = await waitForEntry(call.id, (e) => e.state === 'discarded');
    assert.equal(entry.reason, 'no-partner');

    await openRoute(page, '#/pipeline');
    await card(page, 'discarded', call.id).waitFor();
  });
});

test("changing a card's state on the board moves it to that column", async (t) => {
  const call = openCall(3);
  await putEntry(call.id, 'interesting');
  await withPage(t, browser, server, { lang: 'es' }, async ({ page }) => {
    await openRoute(page, '#/pipeline');
    await card(page, 'interesting', call.id).locator('select.pipeline-state').selectOption('submitted');
    await card(page, 'submitted', call.id).waitFor();
    assert.equal(await card(page, 'interesting', call.id).count(), 0);
    await waitForEntry(call.id, (e) => e.state === 'submitted');
  });
});

test('the owner filter narrows the board', async (t) => {
  const [mine, theirs] = [openCall(4), openCall(5)];
  await putEntry(mine.id, 'interesting', { owner: 'Marta' });
  await putEntry(theirs.id, 'interesting', { owner: 'Pau' });
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/pipeline');
    await card(page, 'interesting', theirs.id).waitFor();
    await page.locator('input#pipeline-owner').fill('Marta');
    await page.locator('input#pipeline-owner').press('Enter');
    await card(page, 'interesting', theirs.id).waitFor({ state: 'detached' });
    await card(page, 'interesting', mine.id).waitFor();
  });
});

test('the pipeline CSV export has the entries with their accents', async (t) => {
  const accented = openCalls.find((hit) => /[àáèéíïòóúüçñ·]/i.test(hit.title));
  assert.ok(accented, 'the demo has an open call with an accented title');
  await putEntry(accented.id, 'preparing', { owner: 'Núria Puig', notes: 'Reunió dijous, "urgent"' });
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/pipeline');
    await card(page, 'preparing', accented.id).waitFor();
    const { bytes, suggestedName } = await downloadBy(page, page.locator('a#pipeline-csv'), 'pipeline.csv');
    assert.match(suggestedName, /^convoca-.*\.csv$/);
    const { header, rows } = checkCsv(bytes);
    const column = (name) => header.findIndex((h) => h.toLowerCase() === name);
    for (const name of ['record_id', 'state', 'owner', 'title'])
      assert.ok(column(name) >= 0, `the CSV has a ${name} column: ${header}`);
    const row = rows.find((r) => r[column('record_id')] === accented.id);
    assert.ok(row, `the CSV lists ${accented.id}`);
    assert.equal(row[column('title')], accented.title);
    assert.equal(row[column('owner')], 'Núria Puig');
    assert.equal(row[column('state')], 'preparing');
  });
});
