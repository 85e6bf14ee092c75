/**
 * The load runs in its own process, so that the client's work never shares an event loop with the
 * harness: `startLoad(task, args)` forks test/bench/load/worker.mjs, which runs load/<task>.mjs.
 * Messages: child → {type:'progress', text} | {type:'event', ...} | {type:'result', result} | {type:'error', message};
 * parent → {type:'start', task, args} then anything the task waits for (see LoadIo.next).
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { progress, RESULTS_DIR } from './report.mjs';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), '..', 'load', 'worker.mjs');

/**
 * @param {string} task the file name in test/bench/load, without .mjs
 * @param {Record<string, unknown>} args
 * @param {string} label shown before the progress text
 */
export function startLoad(task, args, label = task) {
  const child = fork(WORKER, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profileArgs(task),
  });
  /** @type {Array<(message: any) => boolean>} */
  const waiters = [];
  let settle;
  const result = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  child.on('message', (message) => {
    if (message.type === 'progress') progress.show(`[${label}] ${message.text}`);
    else if (message.type === 'result') settle.resolve(message.result);
    else if (message.type === 'error') settle.reject(new Error(`${label} load failed: ${message.message}`));
    for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i](message)) waiters.splice(i, 1);
  });
  child.once('exit', (code) =>
    settle.reject(new Error(`${label} load process exited (${code}) without a result`)),
  );
  child.send({ type: 'start', task, args });
  return {
    /** The task's final answer. */
    result: result.finally(() => progress.clear()),
    /** Sends the task a message (it reads it with io.next(type)). */
    send: (message) => child.send(message),
    /** Resolves with the next message of this type from the task. */
    waitFor: (type) =>
      new Promise((resolve) =>
        waiters.push((message) => {
          if (message.type !== type) return false;
          resolve(message);
          return true;
        }),
      ),
    kill: () => child.kill(),
  };
}

/**
 * With BENCH_PROFILE=1 the load process is profiled too (results/load-<task>.cpuprofile, written at
 * its exit), so that a figure bounded by the client rather than the server can be told apart.
 */
function profileArgs(task) {
  if (process.env.BENCH_PROFILE !== '1') return process.execArgv;
  const name = `load-${task}.cpuprofile`;
  return [...process.execArgv, '--cpu-prof', '--cpu-prof-dir', RESULTS_DIR, '--cpu-prof-name', name];
}

/** Runs a load task to the end and answers its result. */
export async function runLoad(task, args, label) {
  const load = startLoad(task, args, label);
  return load.result;
}
