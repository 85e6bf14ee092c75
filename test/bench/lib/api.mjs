/**
 * Base data through the public API, as an operator would create it: locations, products, stock and
 * staff. Every call must succeed; a refusal stops the benchmark with the server's answer.
 */
import { randomUUID } from 'node:crypto';
import { createHttpClient, inPool } from './http-client.mjs';
import { ADMIN } from './server.mjs';

const SEED_CONCURRENCY = 8;

export class Api {
  /** @param {string} baseUrl */
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.client = createHttpClient(baseUrl, { connections: SEED_CONCURRENCY });
    /** @type {string | null} */
    this.token = null;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {{ token?: string | null, headers?: Record<string, string> }} [options]
   */
  async call(method, path, body, { token = this.token, headers = {} } = {}) {
    const answer = await this.client.request(method, path, {
      body,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  /** @returns {Promise<string>} an access token */
  async login(email = ADMIN.email, password = ADMIN.password) {
    const body = await this.call('POST', '/api/auth/login', { email, password }, { token: null });
    return body.accessToken;
  }

  async asAdmin() {
    this.token = await this.login();
    return this;
  }

  /** Stores spread around a city, each with pickup; `n` numbers them. */
  async createLocations(count, prefix = 'B') {
    return inPool(
      Array.from({ length: count }, (_, i) => i),
      SEED_CONCURRENCY,
      (i) =>
        this.call('POST', '/api/locations', {
          code: `${prefix}${i + 1}-${randomUUID().slice(0, 6)}`,
          name: `Bench store ${i + 1}`,
          type: 'store',
          address: {
            line1: `${i + 1} Bench Street`,
            city: 'Amsterdam',
            postalCode: '1011 AB',
            country: 'NL',
          },
          lat: 52.35 + i / 100,
          lng: 4.88 + i / 100,
          timezone: 'Europe/Amsterdam',
          pickupEnabled: true,
          shipEnabled: true,
          pickupHoldHours: 48,
        }),
    );
  }

  /**
   * Products of `perProduct` variants each, covering the given SKUs; answers the SKUs as created.
   * @param {string[]} skus
   */
  async createProducts(skus, perProduct = 10) {
    const groups = [];
    for (let i = 0; i < skus.length; i += perProduct) groups.push(skus.slice(i, i + perProduct));
    await inPool(groups, SEED_CONCURRENCY, (group, i) =>
      this.call('POST', '/api/products', {
        title: `Bench product ${i + 1}`,
        description: 'Seeded by the benchmark',
        variants: group.map((sku, j) => ({ sku, price: 1000 + j * 100 })),
      }),
    );
    return skus;
  }

  /**
   * Receives stock: `levels` of {locationId, sku, qty}, each through an adjustment with its ledger row.
   * @param {Array<{ locationId: string, sku: string, qty: number }>} levels
   * @param {(done: number) => void} [onProgress]
   */
  async receiveStock(levels, onProgress) {
    let done = 0;
    await inPool(levels, SEED_CONCURRENCY, async (level) => {
      await this.call(
        'POST',
        `/api/locations/${level.locationId}/stock/adjustments`,
        { sku: level.sku, delta: level.qty, reason: 'receive', note: 'bench seed' },
        { headers: { 'idempotency-key': randomUUID() } },
      );
      onProgress?.(++done);
    });
  }

  /** A clerk of one location, logged in: answers its token. */
  async clerkToken(locationId) {
    const email = `clerk-${randomUUID().slice(0, 8)}@bench.example.com`;
    const password = 'bench-clerk-password';
    await this.call('POST', '/api/users', {
      email,
      password,
      name: 'Bench clerk',
      role: 'clerk',
      locationIds: [locationId],
    });
    return this.login(email, password);
  }

  /**
   * Every page of a list, following `next`.
   * @param {string} path with its query, without `after`
   */
  async all(path) {
    const items = [];
    let after = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.call(
        'GET',
        `${path}${sep}limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      items.push(...page.items);
      after = page.next;
    } while (after);
    return items;
  }

  close() {
    this.client.close();
  }
}

/** SKU names of a data set: BENCH-<set>-00001 … */
export function skuNames(set, count) {
  return Array.from({ length: count }, (_, i) => `BENCH-${set}-${String(i + 1).padStart(5, '0')}`);
}
