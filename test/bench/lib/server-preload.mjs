/**
 * Loaded into the benchmarked server with `node --import`. Two things the server has no setting for:
 * - listen on loopback only (the app listens on every interface; a benchmark must not expose it);
 * - with BENCH_CPU_PROFILE=<file>, a CPU profile of the measured part of the run, started and written
 *   on the harness's word (node --cpu-prof profiles start-up too and writes only on a normal exit,
 *   but Nest's shutdown ends by re-raising the signal).
 */
import { writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import net from 'node:net';
import process from 'node:process';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};

const profileFile = process.env.BENCH_CPU_PROFILE;
if (profileFile) {
  // The harness says when over IPC (signals are Nest's: SIGUSR2 shuts it down): 'start' after
  // seeding, so that the profile shows the measured load; 'stop' writes the file.
  const session = new inspector.Session();
  session.connect();
  let running = false;
  process.on('message', (message) => {
    if (message === 'profile:start' && !running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
          session.post('Profiler.start', () => process.stdout.write('cpu profile started\n')),
        ),
      );
      return;
    }
    if (message !== 'profile:stop' || !running) return;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(profileFile, JSON.stringify(result.profile));
      process.stdout.write(`cpu profile written: ${profileFile}\n`);
    });
  });
}
