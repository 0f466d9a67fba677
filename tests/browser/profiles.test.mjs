// Profiles and matches: a person creates a profile in Catalan, sees its ranked
// matches with fit and explanation, and gives feedback that changes them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient } from './support/api.mjs';
import { downloadBy, launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { profileRoute, waitForRoute } from './support/app.mjs';
import { checkAtom, checkCsv, checkIcs } from './support/formats.mjs';
import { startDemo } from './support/server.mjs';

const SAMPLE_PROFILE = 'amb-transicio-energetica';

const NEW_PROFILE = {
  id: 'prova-energia-barris',
  title: 'Prova: energia als barris',
  text:
    "Volem finançar comunitats energètiques als barris, la rehabilitació energètica d'habitatges " +
    "socials i d'edificis públics, instal·lacions d'energia solar fotovoltaica i bombes de calor " +
    'per reduir la pobresa energètica i les emissions dels municipis metropolitans.',
  keywords: ['comunitats energètiques', 'rehabilitació energètica'],
  sdgs: ['7', '11'],
};

let server;
let browser;
let api;

before(async () => {
  [server, browser] = await launchBrowserBeside(startDemo('profiles'));
  api = await apiClient(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function matchesOf(profileId) {
  return (await api.getJson(`/api/profiles/${profileId}/matches?limit=100`)).matches;
}

// Creates NEW_PROFILE through the form once; later tests reuse it.
let created;
function createdProfile(t) {
  created ??= createProfileInBrowser(t);
  return created;
}

async function createProfileInBrowser(t) {
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/profiles');
    await page.locator('a#new-profile').click();
    await waitForRoute(page, '#/profiles/new');
    const form = page.locator('form#profile-form');
    await form.locator('[name="id"]').fill(NEW_PROFILE.id);
    await form.locator('[name="title"]').fill(NEW_PROFILE.title);
    await form.locator('[name="text"]').fill(NEW_PROFILE.text);
    await form.locator('[name="language"]').selectOption('ca');
    await form.locator('[name="keywords"]').fill(NEW_PROFILE.keywords.join(', '));
    for (const goal of NEW_PROFILE.sdgs) await form.locator(`input[name="sdgs"][value="${goal}"]`).check();
    await form.locator('[type="submit"]').click();
    await waitForRoute(page, profileRoute(NEW_PROFILE.id));
    await page.locator('h1#profile-title', { hasText: NEW_PROFILE.title }).waitFor();
    await page.locator('ol#matches > li.match').first().waitFor();
  });
  return api.getJson(`/api/profiles/${NEW_PROFILE.id}`);
}

test('the profile list shows the sample profiles', async (t) => {
  const { results } = await api.getJson('/api/profiles');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/profiles');
    const items = page.locator('ul#profiles > li.profile');
    await items.first().waitFor();
    assert.equal(await items.count(), results.length);
    await page.locator(`ul#profiles a[href="${profileRoute(SAMPLE_PROFILE)}"]`).click();
    await page.locator('ol#matches > li.match').first().waitFor();
  });
});

test('a profile created in the form is stored as typed and shows ranked matches', async (t) => {
  const profile = await createdProfile(t);
  assert.equal(profile.title, NEW_PROFILE.title);
  assert.equal(profile.description, NEW_PROFILE.text);
  assert.equal(profile.language, 'ca');
  assert.deepEqual(profile.keywords, NEW_PROFILE.keywords);
  assert.deepEqual(profile.sdgs, NEW_PROFILE.sdgs.map(Number));
  const expected = await matchesOf(NEW_PROFILE.id);
  assert.ok(expected.length > 0, 'an energy profile matches demo calls');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, profileRoute(NEW_PROFILE.id));
    const items = page.locator('ol#matches > li.match');
    await items.first().waitFor();
    const shown = await items.evaluateAll((lis) => lis.map((li) => li.dataset.recordId));
    assert.deepEqual(
      shown,
      expected.map((match) => match.id).slice(0, shown.length),
      'best first, as the API ranks them',
    );
    assert.ok((await items.first().locator('.match-fit').textContent()).trim().length > 0, 'the fit is shown');
    assert.ok((await items.first().locator('.match-explanation').textContent()).trim().length > 0, 'the why is shown');
  });
});

test('"not relevant" removes the match and the next ranking leaves it out', async (t) => {
  await createdProfile(t);
  const [dismissed] = await matchesOf(NEW_PROFILE.id);
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, profileRoute(NEW_PROFILE.id));
    const item = page.locator(`ol#matches > li.match[data-record-id="${dismissed.id}"]`);
    await item.locator('button[data-feedback="not-relevant"]').click();
    await item.waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('ol#matches > li.match').first().waitFor();
    assert.equal(await item.count(), 0, 'still gone after a reload');
  });
  const feedback = await api.getJson(`/api/profiles/${NEW_PROFILE.id}/feedback`);
  const verdicts = feedback.results;
  assert.ok(
    verdicts.some((v) => v.kind === 'record' && v.subject === dismissed.id && v.verdict === 'not-relevant'),
    `feedback stored: ${JSON.stringify(verdicts)}`,
  );
  assert.ok(!(await matchesOf(NEW_PROFILE.id)).some((match) => match.id === dismissed.id));
});

test('muting a programme removes every match of that programme', async (t) => {
  const matches = await matchesOf(SAMPLE_PROFILE);
  const counts = new Map();
  for (const match of matches)
    if (match.programme_code) counts.set(match.programme_code, (counts.get(match.programme_code) ?? 0) + 1);
  const [programme] = [...counts].sort((a, b) => b[1] - a[1]).find(([, count]) => count < matches.length) ?? [];
  assert.ok(programme, 'the sample profile matches calls of several programmes');
  const muted = matches.filter((match) => match.programme_code === programme).map((match) => match.id);
  await withPage(t, browser, server, { lang: 'es' }, async ({ page }) => {
    await openRoute(page, profileRoute(SAMPLE_PROFILE));
    await page.locator(`li.match[data-record-id="${muted[0]}"] button[data-feedback="mute"]`).click();
    for (const id of muted) await page.locator(`li.match[data-record-id="${id}"]`).waitFor({ state: 'detached' });
    assert.ok((await page.locator('ol#matches > li.match').count()) > 0, 'other programmes stay');
  });
  assert.ok(!(await matchesOf(SAMPLE_PROFILE)).some((match) => match.programme_code === programme));
});

test('the digest shows what is new since the harvest, with its Atom feed', async (t) => {
  const { entries } = await api.getJson(`/api/profiles/${SAMPLE_PROFILE}/digest`);
  assert.ok(entries.length > 0, 'the demo harvest leaves a digest');
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, profileRoute(SAMPLE_PROFILE));
    const digest = page.locator('#digest');
    await digest.locator('li').first().waitFor();
    assert.ok((await digest.textContent()).includes(entries[0].title));
    const href = await page.locator('a#digest-atom').getAttribute('href');
    const response = await page.request.get(href);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^application\/atom\+xml/);
    const feed = await checkAtom(page, await response.text());
    assert.equal(feed.entries.length, entries.length);
  });
});

test("a profile's matches export as CSV and its deadlines as ICS", async (t) => {
  const matches = await matchesOf(SAMPLE_PROFILE);
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, profileRoute(SAMPLE_PROFILE));
    await page.locator('ol#matches > li.match').first().waitFor();
    const csv = checkCsv((await downloadBy(page, page.locator('a#matches-csv'), 'matches.csv')).bytes);
    assert.equal(csv.rows.length, matches.length);
    const events = checkIcs((await downloadBy(page, page.locator('a#profile-ics'), 'profile.ics')).bytes);
    // One event per deadline still ahead (a two-stage call's first stage may be past).
    const deadlines = matches.reduce((sum, match) => sum + match.deadlines.length, 0);
    assert.ok(events.length > 0 && events.length <= deadlines, `${events.length} events for ${deadlines} deadlines`);
  });
});
