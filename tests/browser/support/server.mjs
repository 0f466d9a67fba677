// A real convoca server for the tests: the offline demo (or any data folder)
// served on an ephemeral 127.0.0.1 port, stopped with SIGTERM like systemd does.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { convocaBin, logsDir, pinnedNow, projectRoot, requireFile } from './env.mjs';

const SERVING = /convoca: serving (http:\/\/127\.0\.0\.1:\d+\/)/;
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

function convocaEnvironment() {
  return { ...process.env, CONVOCA_NOW: pinnedNow };
}

function logFileFor(name) {
  mkdirSync(logsDir, { recursive: true });
  return path.join(logsDir, `${name}.log`);
}

// 'exit' may come before the last of stderr, which is where a crash says why.
// Waits for the pipe's end, but not long: a plugin worker that outlives the
// process holds it open.
function stderrDrained(child) {
  if (child.stderr.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    child.stderr.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// Runs `convoca <args>` until it prints its "serving" line; resolves with the
// running process and its URL. The whole stderr goes to a log artifact.
async function spawnUntilServing(args, logName) {
  requireFile(convocaBin, 'the convoca executable (CONVOCA_BIN)');
  const child = spawn(convocaBin, args, {
    cwd: projectRoot,
    env: convocaEnvironment(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log = createWriteStream(logFileFor(logName));
  let tail = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`convoca ${args[0]} did not start within ${START_TIMEOUT_MS} ms:\n${tail}`));
    }, START_TIMEOUT_MS);
    child.stderr.on('data', (chunk) => {
      log.write(chunk);
      tail = (tail + chunk.toString()).slice(-8000);
      const match = SERVING.exec(tail);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', async (code, signal) => {
      clearTimeout(timer);
      await stderrDrained(child);
      reject(new Error(`convoca ${args[0]} exited (${code ?? signal}) before serving:\n${tail}`));
    });
  });
  return { child, url, log };
}

// Resolves once the process has exited and its stderr is drained.
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'close');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// The process that runs the whole suite: run-all.mjs says who it is, since
// each file runs under a `node --test` of its own; a file run by hand with
// `node --test` has that as its runner.
const runnerPid = Number(process.env.CONVOCA_BROWSER_RUNNER_PID) || process.ppid;

// Demo data folders left by earlier runs whose runner is gone, or by this run
// for an executable rebuilt since.
async function removeStaleDemoData(current) {
  for (const name of readdirSync(os.tmpdir())) {
    const match = /^convoca-browser-demo-(\d+)-/.exec(name);
    if (!match || name === current) continue;
    const runner = Number(match[1]);
    if (runner === runnerPid || !isAlive(runner))
      await rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

// The demo harvests its fixtures for ~5-10 s before serving. The first file
// of a run harvests once into a folder named after the runner's pid and the
// executable's mtime; later files copy it and only serve, so the run pays for
// one harvest.
async function harvestedDemoData() {
  const stamp = Math.round(statSync(requireFile(convocaBin, 'the convoca executable')).mtimeMs);
  const name = `convoca-browser-demo-${runnerPid}-${stamp}`;
  const dir = path.join(os.tmpdir(), name);
  const ready = path.join(dir, 'ready');
  if (existsSync(ready)) return path.join(dir, 'demo');
  await removeStaleDemoData(name);
  await rm(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const demo = await spawnUntilServing(['demo', '--data', dir, '--listen', '127.0.0.1:0'], 'demo-harvest');
  await stopProcess(demo.child);
  demo.log.end();
  await writeFile(ready, new Date().toISOString());
  return path.join(dir, 'demo');
}

// `convoca serve` on dataDir, with any extra arguments (e.g. --config FILE).
// Returns {url, dataDir, stop()}.
export async function startServe(dataDir, logName = 'serve', extraArgs = []) {
  const server = await spawnUntilServing(
    ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', ...extraArgs],
    logName,
  );
  return {
    url: server.url,
    dataDir,
    async stop() {
      await stopProcess(server.child);
      server.log.end();
    },
  };
}

// A private copy of the harvested demo data: tests may change profiles,
// users and the pipeline freely. Returns {dataDir, remove()}.
export async function demoDataCopy() {
  const harvested = await harvestedDemoData();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'convoca-browser-'));
  const dataDir = path.join(workDir, 'demo');
  await cp(harvested, dataDir, { recursive: true });
  return { dataDir, workDir, remove: () => rm(workDir, { recursive: true, force: true }) };
}

// The offline demo, as README's demo command gives it, served from a private
// copy of its data.
export async function startDemo(logName = 'demo', extraArgs = []) {
  const copy = await demoDataCopy();
  let server;
  try {
    server = await startServe(copy.dataDir, logName, extraArgs);
  } catch (error) {
    await copy.remove();
    throw error;
  }
  return {
    ...server,
    async stop() {
      await server.stop();
      await copy.remove();
    },
  };
}

// Runs a convoca command to completion, `input` on its stdin; resolves with
// {code, stdout, stderr}.
export async function runConvoca(args, input = '') {
  const child = spawn(convocaBin, args, { cwd: projectRoot, env: convocaEnvironment() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(input);
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}
