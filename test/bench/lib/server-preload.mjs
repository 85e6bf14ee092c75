/**
 * Loaded into the benchmarked server with `node --import`. Two things the server has no setting for:
 * - listen on loopback only (the app listens on every interface; a benchmark must not expose it);
 * - with BENCH_CPU_PROFILE=<file>, a CPU profile of the whole run written when the harness sends
 *   SIGUSR2 (node --cpu-prof writes only on a normal exit, and Nest's shutdown ends by a signal).
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
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable', () =>
    session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')),
  );
  process.on('SIGUSR2', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(profileFile, JSON.stringify(result.profile));
      process.stdout.write(`cpu profile written: ${profileFile}\n`);
    });
  });
}
