#!/usr/bin/env node
/**
 * `npm start`: builds what is stale, then runs the server in this process's place.
 * - the page apps (vite) when missing or older than apps/ or libs/contracts (scripts/build-apps.js);
 * - the server (`nest build`, tsc) when dist/src/main.js is missing or older than src/ or libs/;
 * then `node dist/src/main.js` with the same environment, forwarding SIGINT/SIGTERM so a shutdown
 * is graceful, and exiting with the server's code.
 */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, newestMtime, buildApps } = require('./build-apps');

const SERVER_ENTRY = join(ROOT, 'dist/src/main.js');

function serverIsStale() {
  if (!existsSync(SERVER_ENTRY)) return true;
  const sources = [
    join(ROOT, 'src'),
    join(ROOT, 'libs'),
    join(ROOT, 'tsconfig.json'),
    join(ROOT, 'tsconfig.build.json'),
  ];
  const newest = Math.max(
    newestMtime(sources.filter((path) => existsSync(path) && statSync(path).isDirectory())),
    ...sources
      .filter((path) => existsSync(path) && statSync(path).isFile())
      .map((path) => statSync(path).mtimeMs),
  );
  return newest > statSync(SERVER_ENTRY).mtimeMs;
}

function buildServer() {
  console.log('Building the server (nest build) ...');
  const result = spawnSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('nest build failed');
}

function runServer() {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: process.cwd(),
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + signalNumber(signal) : 1)));
}

function signalNumber(signal) {
  return require('node:os').constants.signals[signal] ?? 0;
}

async function main() {
  await buildApps();
  if (serverIsStale()) buildServer();
  runServer();
}

main().catch((error) => {
  console.error('Failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
