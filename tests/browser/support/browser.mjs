// Debian's chromium driven by playwright-core, with the checks every page
// gets: a console error, an uncaught exception or a Content-Security-Policy
// violation fails the test that caused it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  chromiumPath,
  downloadsDir,
  failuresDir,
  localeOf,
  playwrightCorePath,
  requireFile,
  screenshotsDir,
} from './env.mjs';

// Short enough that a missing element fails a test in seconds, not minutes.
const ACTION_TIMEOUT_MS = 8_000;
// A full-page screenshot of a long screen takes seconds on a busy machine.
const SCREENSHOT_TIMEOUT_MS = 30_000;

export async function launchBrowser() {
  const { chromium } = await import(requireFile(playwrightCorePath, 'playwright-core (PLAYWRIGHT_CORE)'));
  // Chromium's sandbox cannot start as root (containers, CI); anyone else keeps it.
  const runningAsRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: requireFile(chromiumPath, 'chromium (CHROMIUM)'),
    args: runningAsRoot ? ['--no-sandbox'] : [],
    headless: true,
  });
}

// A server (a promise of startDemo/startServe) and a browser, started side by
// side. When either fails to start, the other is stopped before the error is
// thrown: a chromium left running keeps the test file's process alive, and one
// demo that would not start then cost the whole run CTest's timeout.
export async function launchBrowserBeside(serverStarting) {
  const [server, browser] = await Promise.allSettled([serverStarting, launchBrowser()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return [server.value, browser.value];
  await Promise.allSettled([
    server.status === 'fulfilled' ? server.value.stop() : null,
    browser.status === 'fulfilled' ? browser.value.close() : null,
  ]);
  throw server.status === 'rejected' ? server.reason : browser.reason;
}

// Runs in every page before its own scripts: CSP violations become console
// errors even when chromium would only report them as events.
function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(
      `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} ` +
        `at ${event.sourceFile}:${event.lineNumber}`,
    );
  });
}

function fileNameOf(text) {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 120);
}

// Browser contexts are slow to make (~1 s each on a busy machine), so tests
// of one file share a context per kind of browser (language, CSP, viewport):
// cookies and localStorage carry over between those tests, the page is
// reloaded by openRoute. A test that needs a clean browser asks `fresh`; a
// failing test throws its context away so its state cannot leak.
const sharedContexts = new WeakMap(); // browser -> Map(key -> {context, page, events})

async function makeContext(browser, server, options) {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: localeOf[options.lang ?? 'ca'],
    timezoneId: 'Europe/Madrid',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
    acceptDownloads: true,
  });
  await context.addInitScript(reportCspViolations);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const events = { errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') events.errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => events.errors.push(`uncaught: ${error.message}`));
  return { context, page, events };
}

// Runs fn({page, context, allowErrors}) in a browser on the server, then
// fails the test when the page logged an error fn did not expect. A failing
// test leaves a screenshot in the artifacts' failures folder.
//   options.lang       ca | es | en: the browser's locale (the UI picks it)
//   options.bypassCSP  true to run without the server's CSP (XSS tests)
//   options.viewport   {width, height}
//   options.fresh      true for a context of its own (no shared localStorage)
export async function withPage(t, browser, server, options, fn) {
  if (!sharedContexts.has(browser)) sharedContexts.set(browser, new Map());
  const shared = sharedContexts.get(browser);
  const key = JSON.stringify([server.url, options.lang, options.bypassCSP, options.viewport]);
  let session = options.fresh ? null : shared.get(key);
  if (!session) {
    session = await makeContext(browser, server, options);
    if (!options.fresh) shared.set(key, session);
  }
  const { context, page, events } = session;
  events.errors = [];
  const allowed = [];
  const allowErrors = (pattern) => allowed.push(pattern);
  let failed = true;
  try {
    await fn({ page, context, allowErrors });
    failed = false;
  } catch (error) {
    await saveFailureScreenshot(page, t.name);
    if (events.errors.length > 0 && error instanceof Error)
      error.message += `\npage errors:\n${events.errors.join('\n')}`;
    throw error;
  } finally {
    if (failed || options.fresh) {
      shared.delete(key);
      await context.close();
    }
  }
  const unexpected = events.errors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
  assert.deepEqual(unexpected, [], 'the page logged errors');
}

async function saveFailureScreenshot(page, testName) {
  mkdirSync(failuresDir, { recursive: true });
  await page
    .screenshot({ path: path.join(failuresDir, `${fileNameOf(testName)}.png`), fullPage: true })
    .catch(() => {});
}

// Loads the single-page app afresh on a route (`#/search?q=...`) and waits
// until it has drawn its navigation. The blank page in between makes it a
// real load even when only the hash differs, so no screen of an earlier test
// is still in the DOM.
export async function openRoute(page, route) {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(`/${route}`);
  await page.locator('nav#main-nav').waitFor();
}

// The screenshots the issue asks for: <lang>-<screen>.png.
export async function saveScreenshot(page, lang, screen) {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${lang}-${screen}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: SCREENSHOT_TIMEOUT_MS });
  return file;
}

// Clicks what should start a download; saves it as downloads/<name> and
// returns {file, bytes, suggestedName}.
export async function downloadBy(page, locator, name) {
  mkdirSync(downloadsDir, { recursive: true });
  const [download] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const file = path.join(downloadsDir, name);
  await download.saveAs(file);
  const failure = await download.failure();
  assert.equal(failure, null, `download of ${name} failed`);
  return { file, bytes: await readFile(file), suggestedName: download.suggestedFilename() };
}

// The exact text of a number in a language, as the UI shows counts.
export function formatCount(lang, count) {
  return new Intl.NumberFormat(lang).format(count);
}
