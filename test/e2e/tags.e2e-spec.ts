import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type request from 'supertest';
import type { ScanView, TagView } from '@o2o/contracts';
import { newTagCode } from '../../src/tags/tag-code';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const BASE_URL = 'https://shop.example.test';
const CODE_SHAPE = /^[A-Za-z0-9_-]{22}$/;
const NOT_FOUND_BODY = { statusCode: 404, code: 'NOT_FOUND', message: 'Tag not found' };

type Headers = { Authorization: string };

/** Decodes the QR code in a PNG the way a phone camera would read it. */
function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** supertest buffers image bodies only when asked to. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const stream = response as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('QR tags', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;
  let clerk: Headers;
  let otherClerk: Headers;
  let customer: Headers;
  let store: { id: string; name: string };
  let nearStore: { id: string; name: string };
  let farStore: { id: string; name: string };
  let warehouse: { id: string };
  let variants: Array<{ id: string; sku: string }>;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE_URL, SCAN_RATE_LIMIT: '100000' });
    f = new Fixtures(t);
    admin = await t.asAdmin();
    store = await f.location({ name: 'Riverside', lat: 52.37, lng: 4.89 });
    farStore = await f.location({ name: 'Far away', lat: 51.92, lng: 4.48 });
    nearStore = await f.location({ name: 'Round the corner', lat: 52.372, lng: 4.893 });
    warehouse = await f.location({
      name: 'Depot',
      type: 'warehouse',
      pickupEnabled: false,
      lat: 52.371,
      lng: 4.89,
    });
    variants = await f.product(['TAG-A', 'TAG-B', 'TAG-C', 'TAG-D'], 2450, 'Linen shirt');
    clerk = (await f.user('clerk', [store.id])).headers;
    otherClerk = (await f.user('clerk', [nearStore.id])).headers;
    customer = (await f.user('customer')).headers;
  });
  afterAll(() => t.close());

  const issue = (body: object, headers: Headers = clerk) =>
    t.http().post('/api/tags').set(headers).send(body);
  const scan = (code: string) => t.http().get(`/api/scan/${code}`);
  const scanView = async (code: string): Promise<ScanView> => (await scan(code).expect(200)).body;

  describe('issuing', () => {
    it('answers an unguessable code and its scan URL, and the same tag when issued again', async () => {
      const first = await issue({ sku: 'TAG-A', locationId: store.id }).expect(201);
      const tag: TagView = first.body;
      expect(tag).toMatchObject({ sku: 'TAG-A', locationId: store.id, serial: null, scanCount: 0 });
      expect(tag.code).toMatch(CODE_SHAPE);
      expect(tag.url).toBe(`${BASE_URL}/s/${tag.code}`);
      const again = await issue({ sku: 'TAG-A', locationId: store.id }).expect(201);
      expect(again.body.code).toBe(tag.code);
    });

    it('gives each serial unit its own tag, kept per serial', async () => {
      const shelf = (await issue({ sku: 'TAG-A', locationId: store.id }).expect(201)).body;
      const unit1 = (await issue({ sku: 'TAG-A', locationId: store.id, serial: 'SN-1' }).expect(201)).body;
      const unit2 = (await issue({ sku: 'TAG-A', locationId: store.id, serial: 'SN-2' }).expect(201)).body;
      const unit1Again = (await issue({ sku: 'TAG-A', locationId: store.id, serial: 'SN-1' }).expect(201))
        .body;
      expect(unit1.serial).toBe('SN-1');
      expect(new Set([shelf.code, unit1.code, unit2.code]).size).toBe(3);
      expect(unit1Again.code).toBe(unit1.code);
    });

    it('issues a batch for a shelf in request order, and returns the existing tags when re-run', async () => {
      const existingA = (await issue({ sku: 'TAG-A', locationId: store.id }).expect(201)).body;
      const batch = await t
        .http()
        .post(`/api/locations/${store.id}/tags/batch`)
        .set(clerk)
        .send({ skus: ['TAG-C', 'TAG-A', 'TAG-B', 'TAG-C'] })
        .expect(201);
      expect(batch.body.map((tag: TagView) => tag.sku)).toEqual(['TAG-C', 'TAG-A', 'TAG-B']);
      expect(batch.body[1].code).toBe(existingA.code);
      const rerun = await t
        .http()
        .post(`/api/locations/${store.id}/tags/batch`)
        .set(clerk)
        .send({ skus: ['TAG-A', 'TAG-B', 'TAG-C'] })
        .expect(201);
      expect(rerun.body.map((tag: TagView) => tag.code)).toEqual([
        batch.body[1].code,
        batch.body[2].code,
        batch.body[0].code,
      ]);
    });

    it('issues one tag when many clerks ask for the same one at once', async () => {
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => issue({ sku: 'TAG-D', locationId: farStore.id }, admin)),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(responses.map((r) => r.body.code)).size).toBe(1);
      const list = await t.http().get(`/api/locations/${farStore.id}/tags?sku=TAG-D`).set(admin).expect(200);
      expect(list.body.items).toHaveLength(1);
    });

    it('refuses bad input with the field named, and issues nothing', async () => {
      const cases: Array<[object, string]> = [
        [{ locationId: store.id }, 'sku'],
        [{ sku: 'TAG-A', locationId: 'not-a-uuid' }, 'locationId'],
        [{ sku: 'TAG-A', locationId: store.id, serial: ' padded ' }, 'serial'],
        [{ sku: 'TAG-A', locationId: store.id, serial: 'x'.repeat(65) }, 'serial'],
        [{ sku: 'TAG-A', locationId: store.id, code: 'chosen-by-me' }, 'code'],
        [{ sku: 'TAG-A', locationId: store.id, scanCount: 99 }, 'scanCount'],
      ];
      for (const [body, field] of cases) {
        // As admin: for a clerk, a location id that is not theirs is refused (403) before it is validated.
        const response = await issue(body, admin).expect(400);
        expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        expect(response.body.details.fields.map((e: { field: string }) => e.field)).toContain(field);
      }
      const empty = await t
        .http()
        .post(`/api/locations/${store.id}/tags/batch`)
        .set(clerk)
        .send({ skus: [] });
      expect(empty.status).toBe(400);
    });

    it('answers 404 for an unknown SKU or location, issuing nothing of the batch', async () => {
      const before = await t.http().get(`/api/locations/${nearStore.id}/tags`).set(admin).expect(200);
      const unknownSku = await t
        .http()
        .post(`/api/locations/${nearStore.id}/tags/batch`)
        .set(admin)
        .send({ skus: ['TAG-A', 'NOPE-1', 'NOPE-2'] })
        .expect(404);
      expect(unknownSku.body).toMatchObject({ code: 'NOT_FOUND', details: { skus: ['NOPE-1', 'NOPE-2'] } });
      const after = await t.http().get(`/api/locations/${nearStore.id}/tags`).set(admin).expect(200);
      expect(after.body.items).toEqual(before.body.items);
      await issue({ sku: 'NOPE', locationId: store.id }).expect(404);
      const missingLocation = await issue(
        { sku: 'TAG-A', locationId: '00000000-0000-4000-8000-000000000000' },
        admin,
      );
      expect(missingLocation.status).toBe(404);
    });
  });

  describe('QR images', () => {
    it('a PNG decodes with a QR decoder to exactly the tag URL', async () => {
      const tag: TagView = (await issue({ sku: 'TAG-B', locationId: store.id }).expect(201)).body;
      const response = await t
        .http()
        .get(`/api/tags/${tag.code}/qr.png`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(decodeQrPng(response.body as Buffer)).toBe(`${BASE_URL}/s/${tag.code}`);
    });

    it('an SVG is served as SVG', async () => {
      const tag: TagView = (await issue({ sku: 'TAG-B', locationId: store.id }).expect(201)).body;
      const response = await t
        .http()
        .get(`/api/tags/${tag.code}/qr.svg`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect((response.body as Buffer).toString()).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    });

    it('unknown codes have no image', async () => {
      for (const suffix of ['qr.png', 'qr.svg']) {
        const response = await t.http().get(`/api/tags/${newTagCode()}/${suffix}`).expect(404);
        expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      }
    });
  });

  describe('scanning', () => {
    it('shows price and live availability here, nearby and online, changing with stock and orders', async () => {
      const [a] = variants;
      await f.stock(a, store, 5);
      await f.stock(a, nearStore, 2);
      await f.stock(a, farStore, 4);
      await f.stock(a, warehouse, 40);
      const tag: TagView = (await issue({ sku: 'TAG-A', locationId: store.id }).expect(201)).body;

      const first = await scanView(tag.code);
      expect(first.tag).toEqual({
        code: tag.code,
        url: tag.url,
        sku: 'TAG-A',
        locationId: store.id,
        serial: null,
      });
      expect(first.location).toMatchObject({ id: store.id, name: 'Riverside', pickupEnabled: true });
      expect(first.product.title).toBe('Linen shirt');
      expect(first.variant).toMatchObject({
        id: a.id,
        sku: 'TAG-A',
        price: { amount: 2450, currency: 'EUR' },
      });
      expect(first.availableHere).toBe(5);
      // Nearest first; the depot sells online but takes no walk-ins or pickups.
      expect(first.nearby.map((n) => [n.locationId, n.name, n.available])).toEqual([
        [nearStore.id, 'Round the corner', 2],
        [farStore.id, 'Far away', 4],
      ]);
      expect(first.nearby[0].distanceKm).toBeLessThan(first.nearby[1].distanceKm!);
      expect(first.online).toBe(5 + 2 + 4 + 40);

      await f.stock(a, store, 3); // an adjustment: 3 more received
      const afterAdjustment = await scanView(tag.code);
      expect(afterAdjustment.availableHere).toBe(8);
      expect(afterAdjustment.online).toBe(first.online + 3);

      // A shopper reserves 6 for pickup here, as the scan page's "reserve here" does.
      const order = await t
        .http()
        .post('/api/orders')
        .set('Idempotency-Key', `scan-${tag.code}`)
        .send({
          lines: [{ sku: 'TAG-A', qty: 6 }],
          fulfillment: { type: 'pickup', locationId: store.id },
          customer: { name: 'Shopper', email: 'shopper@example.com' },
          payment: 'at_pickup',
        });
      expect(order.status).toBe(201);
      const afterOrder = await scanView(tag.code);
      expect(afterOrder.availableHere).toBe(2);
      expect(afterOrder.online).toBe(first.online + 3 - 6);

      await t
        .http()
        .post(`/api/orders/${order.body.id}/cancel`)
        .set('X-Order-Token', order.body.orderToken)
        .expect(200);
      expect((await scanView(tag.code)).availableHere).toBe(8);
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('says whether the unit of a serial tag is still for sale', async () => {
      const [, b] = variants;
      const shelf: TagView = (await issue({ sku: 'TAG-B', locationId: nearStore.id }, otherClerk).expect(201))
        .body;
      const unit: TagView = (
        await issue({ sku: 'TAG-B', locationId: nearStore.id, serial: 'WATCH-77' }, otherClerk).expect(201)
      ).body;
      expect((await scanView(unit.code)).tag.unitForSale).toBe(false); // none in stock here yet
      await f.stock(b, nearStore, 1);
      expect((await scanView(unit.code)).tag).toMatchObject({ serial: 'WATCH-77', unitForSale: true });
      expect((await scanView(shelf.code)).tag.unitForSale).toBeUndefined();

      const sold = await t.http().post(`/api/tags/${unit.code}/sold`).set(otherClerk).expect(200);
      expect(sold.body.unitSoldAt).toEqual(expect.any(String));
      await t.http().post(`/api/tags/${unit.code}/sold`).set(otherClerk).expect(200);
      expect((await scanView(unit.code)).tag.unitForSale).toBe(false);
      const shelfSold = await t.http().post(`/api/tags/${shelf.code}/sold`).set(otherClerk).expect(409);
      expect(shelfSold.body.code).toBe('INVALID_TRANSITION');
    });

    it('counts every scan, also concurrent ones, and lists the most scanned tags first', async () => {
      const location = await f.location({ name: 'Counting store' });
      const [c] = variants;
      await f.stock(c, location, 1);
      const tags: TagView[] = (
        await t
          .http()
          .post(`/api/locations/${location.id}/tags/batch`)
          .set(admin)
          .send({ skus: ['TAG-A', 'TAG-B', 'TAG-C'] })
          .expect(201)
      ).body;
      await Promise.all(Array.from({ length: 20 }, () => scan(tags[1].code).expect(200)));
      await scanView(tags[2].code);

      const byScans = await t
        .http()
        .get(`/api/locations/${location.id}/tags?sort=scans`)
        .set(admin)
        .expect(200);
      expect(byScans.body.items.map((tag: TagView) => [tag.sku, tag.scanCount])).toEqual([
        ['TAG-B', 20],
        ['TAG-C', 1],
        ['TAG-A', 0],
      ]);
      expect(byScans.body.items[0].lastScannedAt).toEqual(expect.any(String));
      const scanned = await t
        .http()
        .get(`/api/locations/${location.id}/tags?sort=scans&minScans=1`)
        .set(admin)
        .expect(200);
      expect(scanned.body.items.map((tag: TagView) => tag.sku)).toEqual(['TAG-B', 'TAG-C']);

      // Paging through the most scanned, one at a time, visits each tag once.
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { body: { items: TagView[]; next: string | null } } = await t
          .http()
          .get(`/api/locations/${location.id}/tags`)
          .query({ sort: 'scans', limit: 1, ...(after ? { after } : {}) })
          .set(admin)
          .expect(200);
        seen.push(...page.body.items.map((tag) => tag.sku));
        after = page.body.next;
      } while (after);
      expect(seen).toEqual(['TAG-B', 'TAG-C', 'TAG-A']);

      for (const bad of ['sort=loudest', 'minScans=-1', 'limit=0', 'after=garbage']) {
        const response = await t
          .http()
          .get(`/api/locations/${location.id}/tags?${bad}`)
          .set(admin)
          .expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('answers 404 to 1,000 random codes, like a code that never existed', async () => {
      // Already URL-encoded: a quote-and-comment injection, a NUL byte, a path escape, a near-miss shape.
      const malformed = [
        'x',
        'a'.repeat(200),
        "'%20OR%201%3D1%20--",
        '%00',
        '..%2F..%2Fetc',
        `${'A'.repeat(21)}=`,
      ];
      const codes = [...malformed, ...Array.from({ length: 1000 - malformed.length }, newTagCode)];
      const statuses = new Map<number, number>();
      for (let i = 0; i < codes.length; i += 25) {
        const responses = await Promise.all(codes.slice(i, i + 25).map((code) => scan(code)));
        for (const response of responses) {
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 404) expect(response.body).toEqual(NOT_FOUND_BODY);
        }
      }
      expect(Object.fromEntries(statuses)).toEqual({ 404: 1000 });
    });
  });

  describe('revoking', () => {
    it('makes the code answer 404 everywhere, and lets a new tag be issued', async () => {
      const tag: TagView = (await issue({ sku: 'TAG-C', locationId: store.id }).expect(201)).body;
      await scanView(tag.code);
      await t.http().delete(`/api/tags/${tag.code}`).set(clerk).expect(204);

      const unknown = await scan(newTagCode()).expect(404);
      const revoked = await scan(tag.code).expect(404);
      expect(revoked.body).toEqual(unknown.body);
      await t.http().get(`/api/tags/${tag.code}/qr.png`).expect(404);
      await t.http().get(`/api/tags/${tag.code}/qr.svg`).expect(404);
      await t.http().delete(`/api/tags/${tag.code}`).set(clerk).expect(404);
      await t.http().post(`/api/tags/${tag.code}/sold`).set(clerk).expect(404);
      const list = await t.http().get(`/api/locations/${store.id}/tags?sku=TAG-C`).set(clerk).expect(200);
      expect(list.body.items.map((item: TagView) => item.code)).not.toContain(tag.code);

      const reissued: TagView = (await issue({ sku: 'TAG-C', locationId: store.id }).expect(201)).body;
      expect(reissued.code).not.toBe(tag.code);
      await scanView(reissued.code);
    });
  });

  describe('label sheets', () => {
    it('prints chosen SKUs on 50 × 30 mm labels with name, variant, price, SKU and inline QR', async () => {
      const response = await t
        .http()
        .get(`/api/locations/${store.id}/labels?sku=TAG-B&sku=TAG-A&format=label`)
        .set(clerk)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const html: string = response.text;
      expect(html).toContain('@page { size: 50mm 30mm');
      const codes = [...html.matchAll(/data-sku="([^"]+)" data-code="([^"]+)"/g)].map((m) => [m[1], m[2]]);
      const tags = (await t.http().get(`/api/locations/${store.id}/tags`).set(clerk).expect(200)).body.items;
      const shelfCode = (sku: string) => tags.find((tag: TagView) => tag.sku === sku && !tag.serial).code;
      expect(codes).toEqual([
        ['TAG-B', shelfCode('TAG-B')],
        ['TAG-A', shelfCode('TAG-A')],
      ]);
      expect(html).toContain('Linen shirt');
      expect(html).toContain('€24.50');
      expect(html.match(/<svg /g)).toHaveLength(2);
    });

    it('prints every variant stocked at the location on A4, issuing the missing shelf tags', async () => {
      const location = await f.location({ name: 'Fresh store' });
      const [a, , c] = variants;
      await f.stock(a, location, 1);
      await f.stock(c, location, 2);
      const before = await t.http().get(`/api/locations/${location.id}/tags`).set(admin).expect(200);
      expect(before.body.items).toEqual([]);

      const sheet = await t.http().get(`/api/locations/${location.id}/labels`).set(admin).expect(200);
      expect(sheet.text).toContain('@page { size: A4');
      const printed = [...sheet.text.matchAll(/data-sku="([^"]+)" data-code="([^"]+)"/g)];
      expect(printed.map((m) => m[1])).toEqual(['TAG-A', 'TAG-C']);
      const after = await t.http().get(`/api/locations/${location.id}/tags`).set(admin).expect(200);
      expect(after.body.items.map((tag: TagView) => tag.code).sort()).toEqual(
        printed.map((m) => m[2]).sort(),
      );

      const again = await t.http().get(`/api/locations/${location.id}/labels`).set(admin).expect(200);
      expect([...again.text.matchAll(/data-code="([^"]+)"/g)].map((m) => m[1])).toEqual(
        printed.map((m) => m[2]),
      );
    });

    it('refuses an unknown format or SKU', async () => {
      const badFormat = await t
        .http()
        .get(`/api/locations/${store.id}/labels?format=a5`)
        .set(clerk)
        .expect(400);
      expect(badFormat.body.code).toBe('VALIDATION_FAILED');
      const unknown = await t.http().get(`/api/locations/${store.id}/labels?sku=NOPE`).set(clerk).expect(404);
      expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', details: { skus: ['NOPE'] } });
    });
  });

  describe('scope', () => {
    it("a clerk of another store cannot issue, revoke, list, mark or print this store's tags", async () => {
      const tag: TagView = (
        await issue({ sku: 'TAG-A', locationId: store.id, serial: 'SCOPE-1' }).expect(201)
      ).body;
      const attempts = [
        t.http().post('/api/tags').set(otherClerk).send({ sku: 'TAG-A', locationId: store.id }),
        t
          .http()
          .post(`/api/locations/${store.id}/tags/batch`)
          .set(otherClerk)
          .send({ skus: ['TAG-A'] }),
        t.http().get(`/api/locations/${store.id}/tags`).set(otherClerk),
        t.http().delete(`/api/tags/${tag.code}`).set(otherClerk),
        t.http().post(`/api/tags/${tag.code}/sold`).set(otherClerk),
        t.http().get(`/api/locations/${store.id}/labels`).set(otherClerk),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
      // Nothing changed: the tag is live and unsold.
      expect((await scanView(tag.code)).tag.unitForSale).toBe(true);
    });

    it('customers and anonymous callers cannot manage tags', async () => {
      const tag: TagView = (await issue({ sku: 'TAG-A', locationId: store.id }).expect(201)).body;
      await issue({ sku: 'TAG-A', locationId: store.id }, customer).expect(403);
      await t.http().delete(`/api/tags/${tag.code}`).set(customer).expect(403);
      const anonymous = await t
        .http()
        .post('/api/tags')
        .send({ sku: 'TAG-A', locationId: store.id })
        .expect(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      await t.http().get(`/api/locations/${store.id}/tags`).expect(401);
      await t.http().delete(`/api/tags/${tag.code}`).expect(401);
      await scanView(tag.code);
    });
  });
});

describe('QR tags: scan rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE_URL, SCAN_RATE_LIMIT: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED once an address has scanned too often, even for real codes', async () => {
    const f = new Fixtures(t);
    const store = await f.location();
    const [variant] = await f.product(['LIMIT-1']);
    await f.stock(variant, store, 1);
    const tag: TagView = (
      await t
        .http()
        .post('/api/tags')
        .set(await t.asAdmin())
        .send({ sku: 'LIMIT-1', locationId: store.id })
        .expect(201)
    ).body;

    await t.http().get(`/api/scan/${tag.code}`).expect(200);
    for (let i = 0; i < 4; i++) await t.http().get(`/api/scan/${newTagCode()}`).expect(404);
    const limited = await t.http().get(`/api/scan/${newTagCode()}`).expect(429);
    expect(limited.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String) });
    const realCode = await t.http().get(`/api/scan/${tag.code}`).expect(429);
    expect(realCode.body.code).toBe('RATE_LIMITED');
  });
});
