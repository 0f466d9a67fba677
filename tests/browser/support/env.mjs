// Where the browser tests find what they drive. CTest sets every variable
// (tests/browser/CMakeLists.txt); the defaults let a developer run
// `node tests/browser/run-all.mjs` from the source tree after
// `npm ci` in tests/browser and a build in ./build.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const projectRoot = process.env.CONVOCA_PROJECT_ROOT ?? path.resolve(here, '../../..');

export const convocaBin = process.env.CONVOCA_BIN ?? path.join(projectRoot, 'build/convoca');

export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// An absolute path: ES modules here cannot see a node_modules folder in the
// build tree, so playwright-core is imported by its file.
export const playwrightCorePath =
  process.env.PLAYWRIGHT_CORE ?? path.resolve(here, '../node_modules/playwright-core/index.mjs');

// The node_modules folder that holds playwright-core also holds the other
// devDependencies (package.json), e.g. @apidevtools/swagger-parser.
export const nodeModulesDir = path.dirname(path.dirname(playwrightCorePath));

// axe-core's browser bundle, injected into pages by the accessibility tests.
export const axeCorePath = process.env.AXE_CORE ?? path.resolve(here, '../node_modules/axe-core/axe.min.js');

export const artifactsDir =
  process.env.CONVOCA_ARTIFACTS ?? path.join(os.tmpdir(), 'convoca-test-artifacts', 'browser');
export const screenshotsDir = path.join(artifactsDir, 'screenshots');
export const downloadsDir = path.join(artifactsDir, 'downloads');
export const failuresDir = path.join(artifactsDir, 'failures');
export const logsDir = path.join(artifactsDir, 'logs');

// Noon in Barcelona on a fixed day: statuses, "open" filters and calendars
// depend on the clock, and the demo fixtures are written for this day.
export const pinnedNow = '2026-11-27T12:00:00+01:00';

export const languages = ['ca', 'es', 'en'];

// Browser locales that make the UI pick each language by itself.
export const localeOf = { ca: 'ca-ES', es: 'es-ES', en: 'en-GB' };

export function requireFile(file, what) {
  if (!existsSync(file)) throw new Error(`${what} not found at ${file}`);
  return file;
}
