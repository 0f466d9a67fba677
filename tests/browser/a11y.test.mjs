// Accessibility: axe-core's WCAG 2 A and AA rules on every screen in Catalan,
// on a laptop and on a phone, and keyboard navigation of the search screen
// with a visible focus. A "serious" or "critical" violation fails the test.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, openCallsWithDeadlines } from './support/api.mjs';
import { launchBrowserBeside, openRoute, withPage } from './support/browser.mjs';
import { callRoute, profileRoute } from './support/app.mjs';
import { axeCorePath, requireFile } from './support/env.mjs';
import { startDemo } from './support/server.mjs';

const SAMPLE_PROFILE = 'amb-transicio-energetica';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const FAILING_IMPACTS = new Set(['serious', 'critical']);

let server;
let browser;
let api;
let call;

before(async () => {
  requireFile(axeCorePath, 'axe-core (AXE_CORE)');
  [server, browser] = await launchBrowserBeside(startDemo('a11y'));
  api = await apiClient(server);
  const calls = await openCallsWithDeadlines(api, 1);
  [call] = calls;
  assert.ok(calls.length >= 2, 'the demo has open calls with deadlines');
  // Something on the board and in the saved searches, so those screens are
  // checked with content, not only with their empty state.
  await api.sendJson(
    'PUT',
    '/api/pipeline',
    { record_id: calls[0].id, profile_id: '', state: 'preparing', owner: 'Núria Puig', notes: 'Consorci' },
    200,
  );
  await api.sendJson(
    'PUT',
    '/api/pipeline',
    { record_id: calls[1].id, profile_id: '', state: 'discarded', reason: 'no-partner' },
    200,
  );
  await api.sendJson('POST', '/api/searches', { name: 'Energia oberta', query: 'q=energia&status=open' }, 201);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Each screen: its route and what shows it is drawn.
const SCREENS = {
  search: { route: () => '#/search?q=energia', ready: 'ol#results > li.result' },
  call: { route: () => callRoute(call.id), ready: 'ul#call-deadlines > li' },
  calendar: { route: () => '#/calendar', ready: '#calendar .calendar-event' },
  profiles: { route: () => '#/profiles', ready: 'ul#profiles > li.profile' },
  matches: { route: () => profileRoute(SAMPLE_PROFILE), ready: 'ol#matches > li.match' },
  'profile form': { route: () => '#/profiles/new', ready: 'form#profile-form' },
  pipeline: { route: () => '#/pipeline', ready: '#pipeline-board .pipeline-card' },
  'saved searches': { route: () => '#/searches', ready: 'ul#saved-searches > li.saved-search' },
  health: { route: () => '#/health', ready: 'table#sources-table tbody tr' },
  login: { route: () => '#/login', ready: 'form#login-form' },
};

function describeViolation(violation) {
  const targets = violation.nodes
    .slice(0, 3)
    .map((node) => `      ${node.target.join(' ')}${node.any[0] ? `: ${node.any[0].message}` : ''}`);
  return [`${violation.id} (${violation.impact}, ${violation.nodes.length}×): ${violation.help}`, ...targets].join(
    '\n',
  );
}

// Injects axe-core and runs its WCAG 2 A/AA rules on the whole document.
// The page's CSP (script-src 'self') would block the injected script, so the
// axe runs use a context with bypassCSP; the other tests keep the CSP.
async function seriousViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeCorePath });
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] }),
  );
  return results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
}

// Each screen is checked on a laptop, then resized to a phone and checked
// again: the phone layout (stacked facets, board columns) has colours and
// overlaps of its own, and a resize is much cheaper than a second load.
for (const [screen, { route, ready }] of Object.entries(SCREENS)) {
  test(`the ${screen} screen has no serious WCAG 2 AA violation on a laptop or a phone`, async (t) => {
    await withPage(t, browser, server, { lang: 'ca', bypassCSP: true }, async ({ page }) => {
      await page.setViewportSize(LAPTOP);
      await openRoute(page, route());
      await page.locator(ready).first().waitFor();
      const onLaptop = await seriousViolations(page);
      await page.setViewportSize(PHONE);
      const onPhone = await seriousViolations(page);
      const report = [
        ...onLaptop.map((violation) => `laptop ${describeViolation(violation)}`),
        ...onPhone.map((violation) => `phone ${describeViolation(violation)}`),
      ];
      assert.equal(report.length, 0, `axe found on ${route()}:\n${report.join('\n')}`);
    });
  });
}

// What the focused element is and whether its focus shows: an outline or a
// ring drawn with box-shadow.
function focusedElement() {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = window.getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow !== 'none';
  return {
    id: element.id,
    className: typeof element.className === 'string' ? element.className : '',
    tag: element.tagName.toLowerCase(),
    visibleFocus: outline || ring,
  };
}

test('Tab reaches the search box, the language switch and the first result, each with a visible focus', async (t) => {
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia');
    await page.locator('ol#results > li.result').first().waitFor();
    const firstResult = await page.locator('li.result a.result-title').first().getAttribute('href');
    const wanted = {
      'search box': (focus) => focus.id === 'search-input',
      'language switch': (focus) => focus.id === 'lang-switch',
      'first result': (focus) => focus.className.includes('result-title') && focus.href === firstResult,
    };
    const reached = new Map();
    const withoutFocusRing = [];
    for (let presses = 0; presses < 120 && reached.size < Object.keys(wanted).length; presses += 1) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(focusedElement);
      if (!focus) continue;
      focus.href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? null);
      if (!focus.visibleFocus) withoutFocusRing.push(`${focus.tag}#${focus.id}.${focus.className}`);
      for (const [name, matches] of Object.entries(wanted)) if (matches(focus)) reached.set(name, presses + 1);
    }
    assert.deepEqual([...reached.keys()].sort(), Object.keys(wanted).sort(), 'Tab reaches every control');
    assert.deepEqual(withoutFocusRing, [], 'every element Tab reached shows its focus');
  });
});

test('the first Tab stop is a skip link that moves the focus to the screen', async (t) => {
  await withPage(t, browser, server, { lang: 'ca' }, async ({ page }) => {
    await openRoute(page, '#/search?q=energia');
    await page.locator('ol#results > li.result').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({
      className: document.activeElement?.className,
      visible: document.activeElement?.getBoundingClientRect().top >= 0,
    }));
    assert.deepEqual(skip, { className: 'skip-link', visible: true }, 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'view');
    assert.equal(await page.evaluate(() => window.location.hash), '#/search?q=energia', 'the route stays');
  });
});
