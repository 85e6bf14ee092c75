import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApps } from '../../scripts/build-apps';
import { findRepoRoot } from '../../src/web/web-pages';
import { startTestApp, TestApp } from '../support/test-app';

describe('pages served beside the API', () => {
  let t: TestApp;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it.each([
    '/terminal',
    '/terminal/',
    '/shop',
    '/shop/orders/3f1c2a4e-0000-4000-8000-000000000000',
    '/s/abc',
  ])('answers the app page at %s', async (path) => {
    const response = await t.http().get(path).expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('<div id="app">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets and answers 404 for a missing one', async () => {
    const index = await t.http().get('/terminal').expect(200);
    const script = /src="(\/terminal\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await t.http().get(script).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    await t.http().get('/shop/assets/missing-123.js').expect(404);
  });

  it('serves files of a build made while the server runs, and nothing outside the build', async () => {
    const name = `late-${Date.now()}.js`;
    const file = join(findRepoRoot(), 'dist/apps/terminal/assets', name);
    writeFileSync(file, 'export const late = true;');
    try {
      const late = await t.http().get(`/terminal/assets/${name}`).expect(200);
      expect(late.text).toBe('export const late = true;');
    } finally {
      rmSync(file);
    }
    for (const escape of ['/terminal/..%2F..%2Fpackage.json', '/shop/%2e%2e/%2e%2e/package.json']) {
      const response = await t.http().get(escape);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('"name"');
    }
  });

  it('keeps the API and its error shape under /api', async () => {
    const response = await t.http().get('/api/nothing-here').expect(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });
});
