/**
 * A small keep-alive HTTP client for load where every request differs (fresh Idempotency-Key, random
 * SKU). Each answer carries its latency and the wall-clock instant it completed, on a clock that is
 * comparable across processes of this machine (performance.timeOrigin + performance.now()).
 */
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';

/** Milliseconds since the epoch with sub-millisecond resolution; the same clock in every process. */
export function nowMs() {
  return performance.timeOrigin + performance.now();
}

/**
 * @typedef {{ status: number, body: any, ms: number, at: number }} Answer
 * `status` 0 means the request failed below HTTP (connection refused or reset).
 */

/**
 * @param {string} baseUrl e.g. http://127.0.0.1:3000
 * @param {{ connections?: number }} [options] the most sockets kept open at once
 */
export function createHttpClient(baseUrl, { connections = 50 } = {}) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });

  /**
   * @param {string} method
   * @param {string} path
   * @param {{ body?: unknown, headers?: Record<string, string> }} [options]
   * @returns {Promise<Answer>}
   */
  function request(method, path, { body, headers = {} } = {}) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise((resolve) => {
      const failed = (error) =>
        resolve({
          status: 0,
          body: { error: String(error?.code ?? error) },
          ms: performance.now() - started,
          at: nowMs(),
        });
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', failed);
          res.on('end', () => {
            const ms = performance.now() - started;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // not JSON (an HTML error page, say): keep the text for the report
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, ms, at: nowMs() });
          });
        },
      );
      req.on('error', failed);
      if (payload) req.write(payload);
      req.end();
    });
  }

  return { request, close: () => agent.destroy() };
}

/**
 * Runs `work` over `items` with at most `concurrency` in flight; answers the results in item order.
 * @template T, R
 * @param {T[]} items
 * @param {number} concurrency
 * @param {(item: T, index: number) => Promise<R>} work
 * @returns {Promise<R[]>}
 */
export async function inPool(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
