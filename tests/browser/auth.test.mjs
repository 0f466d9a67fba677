// Login and roles, as when `serve` runs with web.auth=required (what it does
// off loopback): the UI asks for a login, sessions carry the role, a viewer
// reads but never changes anything.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ApiClient } from './support/api.mjs';
import { launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { waitForRoute } from './support/app.mjs';
import { demoDataCopy, runConvoca, startServe } from './support/server.mjs';

const USERS = {
  editor: { name: 'editora', password: 'contrasenya-de-prova-1' },
  viewer: { name: 'lector', password: 'contrasenya-de-prova-2' },
};

let data;
let server;
let browser;

before(async () => {
  data = await demoDataCopy();
  for (const [role, user] of Object.entries(USERS)) {
    const added = await runConvoca(
      ['user', 'add', user.name, '--role', role, '--data', data.dataDir],
      `${user.password}\n`,
    );
    assert.equal(added.code, 0, added.stderr);
  }
  const config = path.join(data.workDir, 'convoca.properties');
  await writeFile(config, 'web.auth = required\n');
  [server, browser] = await launchBrowserBeside(startServe(data.dataDir, 'auth', ['--config', config]));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await data?.remove();
});

async function loggedInClient(user) {
  const client = new ApiClient(server.url);
  await client.openSession();
  const response = await client.login(user.name, user.password);
  assert.equal(response.status, 200, `login of ${user.name}`);
  return client;
}

async function logIn(page, user) {
  const form = page.locator('form#login-form');
  await form.locator('input[name="username"]').fill(user.name);
  await form.locator('input[name="password"]').fill(user.password);
  await form.locator('[type="submit"]').click();
}

test('without a login the API answers 401 and the session says a login is needed', async () => {
  const client = new ApiClient(server.url);
  const session = await client.openSession();
  assert.equal(session.auth_required, true);
  assert.equal(session.user, null);
  const search = await client.request('GET', '/api/search?q=energia');
  assert.equal(search.status, 401);
  assert.equal((await search.json()).error.status, 401);
});

test('the UI asks for a login, then goes where the person was going', async (t) => {
  await withPage(t, browser, server, { lang: 'ca', fresh: true }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia');
    await page.locator('form#login-form').waitFor();
    await logIn(page, USERS.editor);
    await waitForRoute(page, '#/search', { q: 'energia' });
    await page.locator('ol#results > li.result').first().waitFor();
    const session = await (await page.request.get('/api/session')).json();
    assert.deepEqual([session.user?.name, session.role], [USERS.editor.name, 'editor']);
    await page.locator('button#logout').click();
    await page.locator('form#login-form').waitFor();
    const afterLogout = await (await page.request.get('/api/session')).json();
    assert.equal(afterLogout.user, null, 'logged out');
  });
});

test('a wrong password is refused with a message and no session', async (t) => {
  await withPage(t, browser, server, { lang: 'en', fresh: true }, async ({ page, allowErrors }) => {
    allowErrors(/status of 401/);
    await openRoute(page, '#/login');
    await logIn(page, { name: USERS.editor.name, password: 'not-the-password' });
    await page.locator('form#login-form [role="alert"]').filter({ visible: true }).waitFor();
    const session = await (await page.request.get('/api/session')).json();
    assert.equal(session.user, null);
  });
});

test('a viewer reads but cannot change the pipeline, profiles or saved searches', async () => {
  const viewer = await loggedInClient(USERS.viewer);
  const [hit] = (await viewer.getJson('/api/search?status=open&limit=1')).results;
  const attempts = [
    ['PUT', '/api/pipeline', { record_id: hit.id, profile_id: '', state: 'interesting' }],
    ['POST', '/api/searches', { name: 'lector', query: 'q=energia' }],
    ['POST', '/api/profiles/amb-habitatge/feedback', { kind: 'record', subject: hit.id, verdict: 'relevant' }],
  ];
  for (const [method, route, json] of attempts) {
    const response = await viewer.request(method, route, { json });
    assert.equal(response.status, 403, `${method} ${route} as a viewer`);
  }
  const editor = await loggedInClient(USERS.editor);
  await editor.sendJson('PUT', '/api/pipeline', { record_id: hit.id, profile_id: '', state: 'interesting' }, 200);
});

test("a logged-in person's calendar link carries their feed token and opens without a session", async (t) => {
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/calendar');
    await logIn(page, USERS.viewer);
    const link = page.locator('a#calendar-ics');
    await link.waitFor();
    await page.waitForFunction(() => document.querySelector('a#calendar-ics')?.href.includes('token='));
    const href = await link.evaluate((a) => a.href);
    // A calendar app has no cookie: only the token in the link.
    const response = await fetch(href);
    assert.equal(response.status, 200, `${href} answered ${response.status}`);
    assert.match(await response.text(), /^BEGIN:VCALENDAR\r\n/);
    const withoutToken = href.replace(/[?&]token=[^&]*/, '');
    assert.equal((await fetch(withoutToken)).status, 401, 'the same link without its token is refused');
  });
});
