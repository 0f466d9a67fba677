// A harvest in progress (the newest run has no end) is announced on every
// screen, in the header, linking to the health page, which says which run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { demoDataCopy, startServe } from './support/server.mjs';

let copy;
let server;
let browser;

before(async () => {
  copy = await demoDataCopy();
  // What a harvest that is still running (or died before its end) leaves in the state DB.
  execFileSync('sqlite3', [
    path.join(copy.dataDir, 'state.db'),
    "INSERT INTO harvest_runs (mode, started_at) VALUES ('harvest', '2026-11-27T02:30:00Z')",
  ]);
  [server, browser] = await launchBrowserBeside(startServe(copy.dataDir, 'harvest-running'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await copy?.remove();
});

for (const [lang, words] of [
  ['ca', 'Recollida en curs'],
  ['es', 'Recolección en curso'],
  ['en', 'Harvest running'],
]) {
  test(`a running harvest shows in the header (${lang}) and leads to the health page`, async (t) => {
    await withPage(t, browser, server, { lang }, async ({ page }) => {
      await openRoute(page, '#/search?q=soil');
      const notice = page.locator('#harvest-notice a');
      await notice.waitFor();
      assert.equal((await notice.textContent()).trim(), words);
      await notice.click();
      await page.locator('#run-in-progress:not([hidden])').waitFor();
      assert.match(page.url(), /#\/health$/);
    });
  });
}
