#!/usr/bin/env node
/**
 * `npm start`: builds what is stale, then runs the server in this process's place.
 * - the page apps (vite) when missing or older than apps/ or libs/contracts (scripts/build-apps.js);
 * - the server (`nest build`) when dist/src is missing or older than src/ or libs/ (scripts/build-server.js);
 * then `node dist/src/main.js` with the same environment, forwarding SIGINT/SIGTERM so a shutdown
 * is graceful, and exiting with the server's code.
 */
const { spawn } = require('node:child_process');
const { buildApps } = require('./build-apps');
const { SERVER_ENTRY, buildServer } = require('./build-server');

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
  buildServer();
  runServer();
}

main().catch((error) => {
  console.error('Failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
