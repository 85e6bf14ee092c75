import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = { Authorization: string };

/** A real picture of the given format and size, drawn by sharp. */
const picture = (format: 'jpeg' | 'png' | 'webp', width = 1200, height = 900) =>
  sharp({ create: { width, height, channels: 3, background: '#c0643f' } })
    .toFormat(format)
    .toBuffer();

describe('product pictures: uploaded, checked by their bytes, served as resized WebP that caches', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = await t.asAdmin();
  });
  afterAll(() => t.close());

  const imageRows = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM product_images'))[0].n);

  it('a JPEG, PNG or WebP upload shows on the product and is served at 320, 800 and 1600 pixels as WebP', async () => {
    const [variant] = await f.product(['PIC-1']);
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const response = await t
        .http()
        .post(`/api/products/${variant.productId}/images`)
        .set(admin)
        .field('alt', `Shirt in ${format}`)
        .attach('file', await picture(format), {
          filename: `photo.${format}`,
          contentType: `image/${format}`,
        });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ alt: `Shirt in ${format}`, width: 1200, height: 900 });
    }
    const product = (await t.http().get(`/api/products/${variant.productId}`).expect(200)).body;
    expect(product.images.map((image: { alt: string }) => image.alt)).toEqual([
      'Shirt in jpeg',
      'Shirt in png',
      'Shirt in webp',
    ]);
    const url = product.images[0].url as string;
    for (const [w, expected] of [
      ['320', 320],
      ['800', 800],
      ['1600', 1200], // never enlarged past the original
    ] as const) {
      const served = await t.http().get(`${url}?w=${w}`).buffer(true).expect(200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['cache-control']).toContain('immutable');
      const metadata = await sharp(served.body as Buffer).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.width).toBe(expected);
      // The same copy again: the browser's ETag is answered with 304 and no body.
      const again = await t.http().get(`${url}?w=${w}`).set('If-None-Match', served.headers.etag);
      expect(again.status).toBe(304);
    }
  });

  it('anything but a picture is refused with 415 whatever its name; over 10 MB with 413; nothing is stored', async () => {
    const [variant] = await f.product(['PIC-2']);
    const before = await imageRows();
    const upload = () => t.http().post(`/api/products/${variant.productId}/images`).set(admin);
    expectError(
      await upload().attach('file', Buffer.from('%PDF-1.4 not a picture'), {
        filename: 'photo.jpg',
        contentType: 'image/jpeg',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expectError(await upload().attach('file', gif, 'photo.png'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await upload().send({ file: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = Buffer.concat([await picture('png', 64, 64), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    expectError(await upload().attach('file', huge, 'big.png'), 413, 'PAYLOAD_TOO_LARGE');
    expect(await imageRows()).toBe(before);
    expect((await t.http().get(`/api/products/${variant.productId}`)).body.images).toEqual([]);
  });

  it('a product with options: each variant answers with its own id and options, as GET reads them back', async () => {
    const created = await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({
        title: 'Rain jacket',
        options: [{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }],
        variants: ['S', 'M', 'L', 'XL'].map((size) => ({
          sku: `OPT-${size}`,
          price: 8995,
          options: { Size: size },
        })),
      })
      .expect(201);
    expect(created.body.options).toEqual([{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }]);
    for (const variant of created.body.variants) {
      const read = (await t.http().get(`/api/variants/${variant.sku}`).expect(200)).body;
      expect({ id: read.id, options: read.options }).toEqual({ id: variant.id, options: variant.options });
    }
    // A new value joins the product's option; an unknown option name is refused.
    await t
      .http()
      .patch('/api/variants/OPT-XL')
      .set(admin)
      .send({ options: { Size: 'XXL' } })
      .expect(200);
    const product = (await t.http().get(`/api/products/${created.body.id}`).expect(200)).body;
    expect(product.options[0].values).toEqual(['S', 'M', 'L', 'XL', 'XXL']);
    expectError(
      await t
        .http()
        .patch('/api/variants/OPT-S')
        .set(admin)
        .send({ options: { Colour: 'Red' } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('only admins and managers upload; an unknown product or picture is a 404', async () => {
    const [variant] = await f.product(['PIC-3']);
    const clerk = await f.user('clerk', [(await f.location()).id]);
    const png = await picture('png', 100, 100);
    expectError(
      await t.http().post(`/api/products/${variant.productId}/images`).attach('file', png, 'a.png'),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await t
        .http()
        .post(`/api/products/${variant.productId}/images`)
        .set(clerk.headers)
        .attach('file', png, 'a.png'),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t
        .http()
        .post('/api/products/00000000-0000-4000-8000-000000000000/images')
        .set(admin)
        .attach('file', png, 'a.png'),
      404,
      'NOT_FOUND',
    );
    expectError(
      await t.http().get('/api/media/00000000-0000-4000-8000-000000000000?w=320'),
      404,
      'NOT_FOUND',
    );
    expectError(await t.http().get('/api/media/..%2F..%2Fetc%2Fpasswd'), 404, 'NOT_FOUND');
  });
});
