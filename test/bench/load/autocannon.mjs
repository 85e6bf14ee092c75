/**
 * Fixed-shape GET load with autocannon (limit-http, availability, growth): `connections` keep-alive
 * connections for `durationSeconds`, each request to a random one of `paths`, after a short warm-up
 * that is not counted.
 */
import autocannon from 'autocannon';

/**
 * @param {{ url: string, paths: string[], headers?: Record<string, string>, connections: number,
 *           durationSeconds: number, warmupSeconds?: number }} args
 * @param {{ progress(text: string): void }} io
 */
export async function run(args, io) {
  const pick = () => args.paths[Math.floor(Math.random() * args.paths.length)];
  const options = {
    url: args.url,
    connections: args.connections,
    headers: args.headers ?? {},
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pick() }) }],
  };
  const warmup = args.warmupSeconds
    ? await cannon({ ...options, duration: args.warmupSeconds }, io, 'warm-up')
    : null;
  const result = await cannon({ ...options, duration: args.durationSeconds }, io, 'measuring');
  return {
    requests_per_s: Math.round(result.requests.total / result.duration),
    total: result.requests.total,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    /** Requests of the warm-up (not in the figures), so that CPU per request can count them. */
    warmup_total: warmup?.requests.total ?? 0,
  };
}

function cannon(options, io, phase) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let total = 0;
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('tick', ({ counter }) => {
      total += counter;
      const seconds = (Date.now() - started) / 1000;
      io.progress(
        `${phase} ${seconds.toFixed(0)}/${options.duration} s, ${total} requests, ${counter} req/s now`,
      );
    });
  });
}
