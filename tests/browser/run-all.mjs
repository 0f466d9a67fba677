// Runs every *.test.mjs here one file at a time, each in its own `node --test`
// process, and fails when any file fails. One at a time because the files share
// the demo data the first one builds and the machine has two cores; a runner of
// our own because `--test-concurrency` needs Node 20.10 and Debian 12 ships 18.
//
// Each file runs in a process group of its own and has FILE_TIMEOUT_MS: a file
// that hangs (a server that never answers, a chromium left running) is killed
// with everything it started, fails, and the other files still run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// A file takes 6-18 s on an idle machine and up to a minute under CI's
// sanitizers on a busy one.
const FILE_TIMEOUT_MS = 240_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.test.mjs'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

// Resolves with 'passed', 'failed' or 'timed out'.
async function runFile(name) {
  const child = spawn(process.execPath, ['--test', '--test-reporter=spec', path.join(here, name)], {
    stdio: 'inherit',
    detached: true,
    // One demo harvest for the whole run (support/server.mjs).
    env: { ...process.env, CONVOCA_BROWSER_RUNNER_PID: String(process.pid) },
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`${name} still running after ${FILE_TIMEOUT_MS / 1000} s: killing it and what it started`);
    process.kill(-child.pid, 'SIGKILL');
  }, FILE_TIMEOUT_MS);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  // A test file that passed may still leave a process behind; it must not
  // outlive the run and hold CTest's output pipe open.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
  if (timedOut) return 'timed out';
  return code === 0 ? 'passed' : 'failed';
}

const failed = [];
for (const name of files) {
  const started = Date.now();
  const outcome = await runFile(name);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${outcome === 'passed' ? 'ok' : 'FAILED'}  ${name}  (${seconds} s${outcome === 'timed out' ? ', timed out' : ''})`);
  if (outcome !== 'passed') failed.push(name);
}
if (failed.length > 0) {
  console.error(`browser tests failed in: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`all ${files.length} browser test files passed`);
