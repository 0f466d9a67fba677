// Runs every *.test.mjs here one file at a time, each in its own `node --test`
// process, and fails when any file fails. One at a time because the files share
// the demo data the first one builds and the machine has two cores; a runner of
// our own because `--test-concurrency` needs Node 20.10 and Debian 12 ships 18.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.test.mjs'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

const failed = [];
for (const name of files) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', path.join(here, name)], {
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${run.status === 0 ? 'ok' : 'FAILED'}  ${name}  (${seconds} s)`);
  if (run.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`browser tests failed in: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`all ${files.length} browser test files passed`);
