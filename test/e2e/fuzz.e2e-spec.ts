import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ERROR_STATUS } from '@o2o/contracts';
import { Fixtures } from '../support/fixtures';
import { exampleOf, OpenApiDocument, Operation, operationsOf, resolved, Schema } from '../support/openapi';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every operation the server publishes in /docs-json, called as an attacker or a buggy client would:
 * each field of its body, path, query and headers made wrong (type, null, absent, empty, huge, negative,
 * fractional, deeply nested, prototype keys, unknown fields, NUL and lone surrogates), the body in
 * other shapes and content types, and the caller without or with the wrong token. Every answer must be
 * below 500 and, when it is an error, in the contract's shape with a message in plain words; a refused
 * request must change nothing. New routes are covered without editing this file, and the suite fails
 * if an operation of the document was never reached.
 *
 * The random part replays with FUZZ_SEED=<seed> (printed in its test's name and in any failure);
 * FUZZ_RUNS sets how many random requests each operation gets.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/** A field left out of the request altogether. */
const ABSENT = Symbol('absent');
type Value = unknown;

/** Where a mutation lands: one parameter, one field of the body (a path into it), or the body as a whole. */
type Target =
  | { in: 'path' | 'query' | 'header'; name: string }
  | { in: 'body'; path: Array<string | number>; nullable: boolean };

const PARTS = { path: 'params', query: 'query', header: 'headers' } as const;

/** A request as sent: the parts the fuzzer changes. */
interface Call {
  operation: Operation;
  params: Record<string, Value>;
  query: Record<string, Value>;
  headers: Record<string, Value>;
  body: Value;
  /** A body sent as it is, with its own content type (instead of `body` as JSON). */
  raw?: { contentType: string; text: string };
}

/** Tables whose rows a refused request must leave as they were (idempotency records keep refusals). */
const STATE_TABLES = [
  'users',
  'locations',
  'products',
  'variants',
  'stock_levels',
  'transfers',
  'transfer_lines',
  'orders',
  'order_lines',
  'payments',
  'event_sequences',
  'tags',
];

/**
 * Append-only (the ledger, the terminal events, the audit trail) or moved on by the sender in the
 * background (customer messages): their row count tells a change.
 */
const APPEND_ONLY_TABLES = ['stock_movements', 'events', 'audit_entries', 'messages'];

/** Refusals that record the attempt by design: a wrong pickup code counts towards the lock. */
const COUNTED_REFUSALS = new Set(['PICKUP_CODE_INVALID', 'TOO_MANY_ATTEMPTS']);

/** What an error message must never show: internals, or a value turned into text by accident. */
const INTERNALS =
  /\b(TypeError|ReferenceError|RangeError|SyntaxError|QueryFailedError|SQLITE_\w+|ECONN\w+)\b|\bat \S+ \(|\[object Object\]|\bundefined\b|\bNaN\b/;

function nested(depth: number): Value {
  let value: Value = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** An object with `__proto__` and `constructor` as its own keys (as JSON.parse makes them). */
function withPrototypeKeys(value: Value): Value {
  const keys = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.assign(keys, value) : keys;
}

/** The systematic mutations of one value (a body field or a parameter). */
const MUTATIONS: Array<[string, (current: Value) => Value]> = [
  ['absent', () => ABSENT],
  ['null', () => null],
  ['wrong type', (current) => (typeof current === 'string' ? 12345 : 'not-a-number')],
  ['boolean', () => true],
  ['array', (current) => [current]],
  ['object', () => ({ value: 1 })],
  ['empty', (current) => (Array.isArray(current) ? [] : current && typeof current === 'object' ? {} : '')],
  [
    'huge',
    (current) =>
      typeof current === 'number'
        ? 1e308
        : Array.isArray(current)
          ? Array.from({ length: 1000 }, () => current[0])
          : 'x'.repeat(20_000),
  ],
  ['negative', () => -1],
  ['fractional', () => 1.5],
  ['unsafe integer', () => 2 ** 53 + 2],
  ['nested within the limit', () => nested(20)],
  ['nested past the limit', () => nested(60)],
  ['prototype keys', (current) => withPrototypeKeys(current)],
  [
    'unknown field',
    (current) => (current && typeof current === 'object' ? { ...current, zzUnknown: 1 } : current),
  ],
  ['NUL', (current) => `${typeof current === 'string' ? current : 'x'}\u0000`],
  ['lone surrogate', (current) => `${typeof current === 'string' ? current : 'x'}\ud800`],
  ['text of all scripts', () => 'Zoë 🙂 ﷽ \u202e'],
  ['injection', () => "' OR 1=1 --"],
];

/** The body as a whole: other JSON values, unreadable JSON, and content types the API does not read. */
const BODIES: Array<[string, (call: Call) => Call['raw'] | Value]> = [
  ['an array', () => [1]],
  ['a string', () => 'x'],
  ['a number', () => 1],
  ['null', () => null],
  ['empty object', () => ({})],
  ['nothing', () => ABSENT],
  ['unreadable JSON', () => ({ contentType: 'application/json', text: '{"a": ' })],
  [
    '10,000 levels deep',
    () => ({ contentType: 'application/json', text: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` }),
  ],
  ['text/plain', (call) => ({ contentType: 'text/plain', text: JSON.stringify(call.body ?? {}) })],
  ['a form', (call) => ({ contentType: 'application/x-www-form-urlencoded', text: formOf(call.body) })],
  ['XML', () => ({ contentType: 'application/xml', text: '<a>1</a>' })],
  [
    'multipart',
    () => ({ contentType: 'multipart/form-data; boundary=x', text: '--x\r\n\r\n1\r\n--x--\r\n' }),
  ],
  ['octet-stream', () => ({ contentType: 'application/octet-stream', text: '\u0000\u0001' })],
  [
    'JSON in UTF-16',
    (call) => ({ contentType: 'application/json; charset=utf-16', text: JSON.stringify(call.body ?? {}) }),
  ],
];

function formOf(body: Value): string {
  if (!body || typeof body !== 'object') return 'a=1';
  return Object.entries(body)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/**
 * Percent-encoding that can also write half of a surrogate pair (as the UTF-8 bytes a buggy client
 * would send, which encodeURIComponent refuses to produce).
 */
function encoded(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 2 || code < 0xd800 || code > 0xdfff) return encodeURIComponent(char);
    return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
      .map((byte) => `%${byte.toString(16).toUpperCase()}`)
      .join('');
  });
}

function asText(value: Value): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The body with `value` put at `path` (parents made as needed), or the field removed for ABSENT. */
function withField(body: Value, path: Array<string | number>, value: Value): Value {
  if (path.length === 0) return value;
  const root = (body && typeof body === 'object' ? clone(body) : {}) as Record<string | number, Value>;
  let parent = root;
  for (const key of path.slice(0, -1)) {
    const child = parent[key];
    parent[key] = child && typeof child === 'object' ? child : typeof key === 'number' ? [] : {};
    parent = parent[key] as Record<string | number, Value>;
  }
  const last = path[path.length - 1];
  if (value === ABSENT) delete parent[last];
  else parent[last] = value;
  return root;
}

/** Every field path of a body schema, nested objects and the first item of arrays included. */
function bodyTargets(
  document: OpenApiDocument,
  schema: Schema,
  prefix: Array<string | number> = [],
): Target[] {
  if (prefix.length > 6) return [];
  const whole = resolved(document, schema);
  if (whole.type === 'array' && whole.items) return bodyTargets(document, whole.items, [...prefix, 0]);
  return Object.entries(whole.properties ?? {}).flatMap(([key, property]): Target[] => [
    { in: 'body', path: [...prefix, key], nullable: resolved(document, property).nullable === true },
    ...bodyTargets(document, property, [...prefix, key]),
  ]);
}

/**
 * What the contract requires of some mutations beyond "below 500": null where a value is required,
 * text PostgreSQL cannot hold and a body nested past the limit are refused with 400. Undefined where
 * any answer below 500 will do (a path id holding such text gets the route's own answer for an id
 * that does not exist; hardening.e2e-spec.ts checks every id route with one).
 */
function requiredStatuses(target: Target, mutation: string): number[] | undefined {
  const unstorable = mutation === 'NUL' || mutation === 'lone surrogate';
  if (target.in === 'body') {
    if ((mutation === 'null' && !target.nullable) || unstorable || mutation === 'nested past the limit')
      return [400];
    return undefined;
  }
  // In a query string half a surrogate pair can only be sent as bytes that are not UTF-8, which the
  // server reads as U+FFFD (valid text): only a NUL must be refused there.
  if (target.in === 'query' && mutation === 'NUL') return [400];
  return undefined;
}

function describeValue(value: Value): string {
  if (value === ABSENT) return 'absent';
  const text = asText(value);
  return text.length > 80 ? `${text.slice(0, 80)}… (${text.length} chars)` : text;
}

describe(`fuzz: every operation of /docs-json, refused cleanly (FUZZ_SEED=${SEED})`, () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let operations: Operation[];
  let admin: string;
  let customer: string;
  let known: (name: string) => Value;
  let pathValues: Record<string, string>;
  let orderToken: string;
  const reached = new Set<string>();
  let before: string;

  beforeAll(async () => {
    // The sweeper and the rate limits stay out of the way: state moves only by the requests sent.
    t = await startTestApp({
      SWEEP_INTERVAL_SECONDS: '3600',
      LOGIN_RATE_LIMIT: '1000000',
      SCAN_RATE_LIMIT: '1000000',
    });
    const f = new Fixtures(t);
    admin = (await t.asAdmin()).Authorization;
    customer = (await f.user('customer')).headers.Authorization;
    const store = await f.location();
    const other = await f.location();
    const variant = await f.stocked(store, 1000);
    await f.stock(variant, other, 1000);
    const order = await f.order(store, variant.sku, 1);
    orderToken = order.orderToken;
    const transfer = await t
      .http()
      .post('/api/transfers')
      .set('Authorization', admin)
      .send({ fromLocationId: store.id, toLocationId: other.id, lines: [{ sku: variant.sku, qty: 1 }] })
      .expect(201);
    const tag = await t
      .http()
      .post('/api/tags')
      .set('Authorization', admin)
      .send({ sku: variant.sku, locationId: store.id })
      .expect(201);
    let unique = 0;
    const values: Record<string, () => Value> = {
      sku: () => variant.sku,
      skus: () => [variant.sku],
      locationId: () => store.id,
      locationIds: () => [store.id],
      fromLocationId: () => store.id,
      toLocationId: () => other.id,
      email: () => `fuzz-${++unique}@example.com`,
      password: () => 'password-123',
      name: () => 'Fuzz Tester',
      code: () => `FZ-${++unique}`,
      timezone: () => 'Europe/Amsterdam',
      pickupCode: () => order.pickupCode,
      expiresAt: () => new Date(Date.now() + 86_400_000).toISOString(),
      limit: () => '10',
      near: () => '52.37,4.89',
      'Idempotency-Key': () => randomUUID(),
      'X-Order-Token': () => orderToken,
      'x-order-token': () => orderToken,
    };
    known = (name) => values[name]?.();
    pathValues = {
      locations: store.id,
      orders: order.id,
      transfers: transfer.body.id,
      products: variant.productId,
      variants: variant.sku,
      lines: variant.sku,
      tags: tag.body.code,
      scan: tag.body.code,
    };
    document = (await t.http().get('/docs-json').expect(200)).body;
    operations = operationsOf(document);
    before = await state();
  });
  afterAll(() => t.close());

  async function state(): Promise<string> {
    const ds = t.app.get(DataSource);
    const tables = await Promise.all([
      ...STATE_TABLES.map((table) => ds.query(`SELECT * FROM ${table} ORDER BY 1`)),
      ...APPEND_ONLY_TABLES.map((table) => ds.query(`SELECT COUNT(*) AS n FROM ${table}`)),
    ]);
    return JSON.stringify(tables);
  }

  /** The value of a path parameter: the fixture of the resource named before it, else an unknown id. */
  function pathValue(operation: Operation, name: string): string {
    const segments = operation.path.split('/');
    const resource = segments[segments.indexOf(`{${name}}`) - 1];
    return pathValues[resource] ?? randomUUID();
  }

  /** A valid-ish call: the fixtures' ids, the schema's examples, an admin token on staff routes. */
  function baseline(operation: Operation): Call {
    const call: Call = { operation, params: {}, query: {}, headers: {}, body: ABSENT };
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path') call.params[parameter.name] = pathValue(operation, parameter.name);
      else {
        const value =
          known(parameter.name) ??
          (parameter.required ? exampleOf(document, parameter.schema, known) : undefined);
        if (value !== undefined)
          (parameter.in === 'query' ? call.query : call.headers)[parameter.name] = value;
      }
    }
    if (operation.secured) call.headers.Authorization = admin;
    if (operation.body) call.body = exampleOf(document, operation.body, known);
    return call;
  }

  function mutated(call: Call, target: Target, value: Value): Call {
    const next: Call = {
      ...call,
      params: { ...call.params },
      query: { ...call.query },
      headers: { ...call.headers },
    };
    if (target.in === 'body') {
      next.body = withField(call.body === ABSENT ? undefined : call.body, target.path, value);
      return next;
    }
    const part = next[PARTS[target.in]];
    if (value === ABSENT) delete part[target.name];
    else part[target.name] = value;
    return next;
  }

  function urlOf(call: Call): string {
    const path = call.operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
      const value = call.params[name];
      return value === ABSENT || value === undefined ? '' : encoded(asText(value));
    });
    const query = Object.entries(call.query).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((item) => `${encoded(name)}=${encoded(asText(item))}`),
    );
    return query.length ? `${path}?${query.join('&')}` : path;
  }

  async function send(call: Call): Promise<Response> {
    const request = t.http()[call.operation.method.toLowerCase() as 'get'](urlOf(call));
    for (const [name, value] of Object.entries(call.headers)) {
      if (value === ABSENT) continue;
      // Node refuses to send control characters or text beyond Latin-1 in a header: that cannot arrive.
      const text = asText(value).replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
      void request.set(name, text);
    }
    if (call.raw) return request.set('content-type', call.raw.contentType).send(call.raw.text);
    if (call.body === ABSENT) return request;
    return request.set('content-type', 'application/json').send(JSON.stringify(call.body) ?? 'null');
  }

  /** Sends the call and answers what is wrong with the answer (null when it is within the contract). */
  async function problemWith(call: Call, statuses?: number[]): Promise<string | null> {
    const response = await send(call);
    const body = response.body as {
      statusCode?: unknown;
      code?: unknown;
      message?: unknown;
      details?: unknown;
    };
    if (!(
      response.status === 404 &&
      typeof body.message === 'string' &&
      body.message.startsWith('No route for')
    ))
      reached.add(call.operation.id);
    const problem = contractProblem(response);
    const after = await state();
    const changed = after !== before;
    before = after;
    if (problem) return problem;
    if (statuses && !statuses.includes(response.status))
      return `answered ${response.status} ${JSON.stringify(body).slice(0, 200)}, where ${statuses.join(' or ')} was due`;
    if (response.status >= 400 && changed && !COUNTED_REFUSALS.has(String(body.code)))
      return `refused ${response.status} ${String(body.code)} but changed the stored state`;
    return null;
  }

  function contractProblem(response: Response): string | null {
    const body = response.body as {
      statusCode?: unknown;
      code?: unknown;
      message?: unknown;
      details?: unknown;
    };
    const shown = `${response.status} ${JSON.stringify(body).slice(0, 300)}`;
    if (response.status >= 500) return `answered ${shown}`;
    if (response.status < 400) return null;
    const extra = Object.keys(body ?? {}).filter(
      (key) => !['statusCode', 'code', 'message', 'details'].includes(key),
    );
    if (body?.statusCode !== response.status || extra.length > 0)
      return `not the contract's error shape: ${shown}`;
    if (ERROR_STATUS[body.code as keyof typeof ERROR_STATUS] !== response.status)
      return `code not of the contract for its status: ${shown}`;
    if (typeof body.message !== 'string' || !body.message.trim() || INTERNALS.test(body.message))
      return `message not in plain words: ${shown}`;
    if (
      body.details !== undefined &&
      (typeof body.details !== 'object' || body.details === null || Array.isArray(body.details))
    )
      return `details not an object: ${shown}`;
    return null;
  }

  function targetsOf(operation: Operation): Target[] {
    return [
      ...operation.parameters.map((parameter): Target => ({ in: parameter.in, name: parameter.name })),
      ...(operation.body ? bodyTargets(document, operation.body) : []),
    ];
  }

  function nameOf(target: Target): string {
    return target.in === 'body' ? `body.${target.path.join('.')}` : `${target.in} ${target.name}`;
  }

  it('answers every mutation of every field of every operation below 500, in the contract, changing nothing on refusal', async () => {
    const failures: string[] = [];
    const check = async (call: Call, what: string, statuses?: number[]) => {
      const problem = await problemWith(call, statuses);
      if (problem) failures.push(`${call.operation.id} ${what}: ${problem}`);
    };
    for (const operation of operations) {
      const valid = baseline(operation);
      await check(valid, 'as documented');
      await check({ ...valid, headers: { ...valid.headers, Authorization: ABSENT } }, 'without a token');
      await check(
        { ...valid, headers: { ...valid.headers, Authorization: 'Bearer not-a-token' } },
        'with a forged token',
      );
      await check(
        { ...valid, headers: { ...valid.headers, Authorization: customer } },
        "with a customer's token",
      );
      await check({ ...valid, query: { ...valid.query, zzUnknown: '1' } }, 'with an unknown query parameter');
      for (const target of targetsOf(operation)) {
        const current = target.in === 'body' ? undefined : baseline(operation)[PARTS[target.in]][target.name];
        for (const [mutation, make] of MUTATIONS) {
          const fresh = baseline(operation);
          const value = make(target.in === 'body' ? valueAt(fresh.body, target.path) : current);
          await check(
            mutated(fresh, target, value),
            `${nameOf(target)} ${mutation} (${describeValue(value)})`,
            requiredStatuses(target, mutation),
          );
        }
      }
      for (const [shape, make] of BODIES) {
        const fresh = baseline(operation);
        const made = make(fresh);
        const call = isRaw(made) ? { ...fresh, raw: made } : { ...fresh, body: made };
        await check(
          call,
          `body as ${shape}`,
          operation.body && shape === '10,000 levels deep' ? [400] : undefined,
        );
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it(`answers random values in every field of every operation below 500, in the contract (seed ${SEED})`, async () => {
    const unit = fc.oneof(
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 8 },
      { arbitrary: fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), weight: 1 },
    );
    const text = fc.oneof(
      fc.string({ unit, maxLength: 40 }),
      fc.constantFrom('', '%00', '../..', 'x'.repeat(3000)),
    );
    const number = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(-1, 0, 0.5, 2 ** 31, 2 ** 53 + 2, -1e308),
    );
    const value: fc.Arbitrary<Value> = fc.oneof(
      text,
      number,
      fc.boolean(),
      fc.constant(null),
      fc.constant(ABSENT),
      fc.jsonValue({ maxDepth: 3 }),
      fc.integer({ min: 1, max: 100 }).map(nested),
      fc.constant(withPrototypeKeys({})),
    );
    const failures: string[] = [];
    for (const operation of operations) {
      const targets = targetsOf(operation);
      if (targets.length === 0) continue;
      const changes = fc.array(fc.tuple(fc.constantFrom(...targets), value), { minLength: 1, maxLength: 3 });
      try {
        await fc.assert(
          fc.asyncProperty(changes, async (list) => {
            const call = list.reduce((next, [target, v]) => mutated(next, target, v), baseline(operation));
            const problem = await problemWith(call);
            if (problem)
              throw new Error(
                `${list.map(([target, v]) => `${nameOf(target)}=${describeValue(v)}`).join(', ')}: ${problem}`,
              );
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
      } catch (error) {
        failures.push(
          `${operation.id} (FUZZ_SEED=${SEED}): ${(error as Error).message.split('\n').slice(0, 6).join(' ')}`,
        );
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it('reached every operation of /docs-json', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.map((operation) => operation.id).filter((id) => !reached.has(id))).toEqual([]);
  });
});

function valueAt(body: Value, path: Array<string | number>): Value {
  let value = body;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<string | number, Value>)[key] : undefined;
  return value;
}

function isRaw(made: Value): made is NonNullable<Call['raw']> {
  return !!made && typeof made === 'object' && 'contentType' in made && 'text' in made;
}
