#!/usr/bin/env node
/**
 * `npm run cluster`: INSTANCES copies of the server (default 2) on consecutive ports from BASE_PORT
 * (default 3000), all on one PostgreSQL (DATABASE_URL) and one Redis (REDIS_URL), which carries socket
 * events between them and holds the locks. Put a load balancer in front (sticky sessions are not
 * needed with the websocket transport). Builds the pages and the server first when missing or stale.
 *
 * An instance that dies is started again after a pause; SIGTERM/SIGINT shut every instance down
 * gracefully (they finish requests in flight and send terminals elsewhere) and then exit.
 */
const { spawn } = require('node:child_process');
const { buildApps } = require('./build-apps');
const { SERVER_ENTRY, buildServer } = require('./build-server');

const RESTART_DELAY_MS = 1000;

function settings(env) {
  const instances = Number(env.INSTANCES ?? 2);
  const basePort = Number(env.BASE_PORT ?? env.PORT ?? 3000);
  const problems = [];
  if (!Number.isInteger(instances) || instances < 1 || instances > 64)
    problems.push('INSTANCES must be 1 to 64');
  if (!Number.isInteger(basePort) || basePort < 1 || basePort + instances - 1 > 65535) {
    problems.push('BASE_PORT must leave room for INSTANCES ports below 65536');
  }
  if (instances > 1 && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '')) {
    problems.push('DATABASE_URL must be postgres://… (SQLite serves one instance only)');
  }
  if (instances > 1 && !/^rediss?:\/\//.test(env.REDIS_URL ?? '')) {
    problems.push('REDIS_URL must be redis://… (it carries socket events and locks between instances)');
  }
  if (problems.length) {
    for (const problem of problems) console.error(`cluster: ${problem}`);
    process.exit(1);
  }
  return { instances, basePort };
}

/** Prefixes each line of a child's output with its instance, so interleaved logs stay readable. */
function pipeWithPrefix(stream, target, prefix) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) target.write(`${prefix} ${line}\n`);
  });
  stream.on('end', () => rest && target.write(`${prefix} ${rest}\n`));
}

async function main() {
  const { instances, basePort } = settings(process.env);
  await buildApps();
  buildServer({ log: (line) => console.log(`cluster: ${line}`) });
  const children = new Map();
  let stopping = false;

  const start = (index) => {
    const port = basePort + index;
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: process.cwd(),
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `[${index + 1}:${port}]`;
    pipeWithPrefix(child.stdout, process.stdout, prefix);
    pipeWithPrefix(child.stderr, process.stderr, prefix);
    children.set(index, child);
    child.on('exit', (code, signal) => {
      children.delete(index);
      if (stopping) {
        if (!children.size) process.exit(0);
        return;
      }
      console.error(`cluster: instance ${index + 1} exited (${signal ?? code}); starting it again`);
      setTimeout(() => !stopping && start(index), RESTART_DELAY_MS);
    });
  };

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`cluster: ${signal}: shutting ${children.size} instance(s) down gracefully`);
    if (!children.size) process.exit(0);
    for (const child of children.values()) child.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));

  for (let index = 0; index < instances; index++) start(index);
  console.log(
    `cluster: ${instances} instance(s) on http://localhost:${basePort}` +
      (instances > 1 ? ` … ${basePort + instances - 1}` : ''),
  );
}

main().catch((error) => {
  console.error('cluster: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
