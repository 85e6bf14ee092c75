/**
 * The load process. Receives {type:'start', task, args}, runs ./<task>.mjs's `run(args, io)` and sends
 * back its result. `io.progress(text)` updates the harness's progress line (at most 4 times a second);
 * `io.send(message)` and `io.next(type)` talk with the harness while the task runs.
 */
import process from 'node:process';

/** @type {Array<{ type: string, resolve: (message: any) => void }>} */
const waiting = [];
/** @type {any[]} */
const inbox = [];
let lastProgress = 0;

const io = {
  /** @param {string} text */
  progress(text) {
    if (Date.now() - lastProgress < 250) return;
    lastProgress = Date.now();
    process.send?.({ type: 'progress', text });
  },
  /** @param {Record<string, unknown>} message */
  send(message) {
    process.send?.(message);
  },
  /** @param {string} type */
  next(type) {
    const index = inbox.findIndex((m) => m.type === type);
    if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0]);
    return new Promise((resolve) => waiting.push({ type, resolve }));
  },
};

process.on('message', async (message) => {
  if (message.type !== 'start') {
    const index = waiting.findIndex((w) => w.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0].resolve(message);
    else inbox.push(message);
    return;
  }
  try {
    const task = await import(`./${message.task}.mjs`);
    const result = await task.run(message.args, io);
    process.send?.({ type: 'result', result }, () => process.exit(0));
  } catch (error) {
    process.send?.({ type: 'error', message: error?.stack ?? String(error) }, () => process.exit(1));
  }
});
