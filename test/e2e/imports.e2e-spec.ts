import type { ImportJobView } from '@o2o/contracts';
import { DataSource } from 'typeorm';
import { CatalogEditor } from '../../src/catalog/catalog-editor.service';
import { ImportJobs } from '../../src/exchange/import-jobs.service';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = { Authorization: string };

const PRODUCT_HEADER = 'sku,product_title,description,price,currency,barcode,options,attributes';
const ROWS = 10_000;
/** Where the 10,000-row file goes wrong: its row numbers (the header is row 1), field and the bad line. */
const BAD_ROWS = [
  { row: 102, field: 'price', line: 'CSV-00100,Broken price,,12;50,EUR,,,' },
  { row: 5_001, field: 'sku', line: 'not a sku!,Broken SKU,,3.00,EUR,,,' },
  { row: 9_999, field: 'product_title', line: 'CSV-09997,,,4.00,EUR,,,' },
];

/** 10,000 product rows, three of them wrong, each a product of its own with options and attributes. */
function catalogFile(): string {
  const lines = [PRODUCT_HEADER];
  for (let i = 0; i < ROWS; i++) {
    const bad = BAD_ROWS.find((b) => b.row === i + 2);
    const sku = `CSV-${String(i).padStart(5, '0')}`;
    lines.push(
      bad?.line ??
        `${sku},"Shirt ${i}, linen","Soft ""washed"" linen",${(i % 90) + 10}.${String(i % 100).padStart(2, '0')},EUR,BC${String(i).padStart(8, '0')},Size=M,Colour=White; Fit=Loose`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('CSV import and export: jobs with progress, row errors, idempotent, round trip', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = await t.asAdmin();
  });
  afterAll(() => t.close());

  const placeholder = (n: number) => (t.config.database.type === 'postgres' ? `$${n}` : '?');

  const upload = (path: string, headers: Headers, csv: string | Buffer, filename = 'file.csv') =>
    t.http().post(path).set(headers).attach('file', Buffer.from(csv), { filename, contentType: 'text/csv' });

  const job = async (id: string, headers: Headers = admin): Promise<ImportJobView> =>
    (await t.http().get(`/api/import/${id}`).set(headers).expect(200)).body;

  /** Polls the job until it ends; answers its end and every state seen on the way. */
  async function finished(id: string, headers: Headers = admin) {
    const seen: ImportJobView[] = [];
    const deadline = Date.now() + 240_000;
    for (;;) {
      const state = await job(id, headers);
      seen.push(state);
      if (state.status !== 'running') return { end: state, seen };
      if (Date.now() > deadline) throw new Error(`import ${id} still running: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function imported(path: string, csv: string, headers: Headers = admin) {
    const response = await upload(path, headers, csv);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ jobId: expect.any(String) });
    return finished(response.body.jobId, headers);
  }

  const exported = async (path = '/api/export/products.csv') => {
    const response = await t.http().get(path).set(admin).expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    return response.text;
  };

  const auditCount = async () => {
    const rows = await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM audit_entries');
    return Number(rows[0].n);
  };

  it('a 10,000-row catalog with 3 bad rows: 9,997 created, the 3 reported by row and field, progress seen; again: nothing changes', async () => {
    const file = catalogFile();
    const { end, seen } = await imported('/api/import/products', file);
    expect(end).toMatchObject({ status: 'done', processed: ROWS, total: ROWS, created: 9_997, updated: 0 });
    expect(end.errors.map(({ row, field }) => ({ row, field }))).toEqual(
      BAD_ROWS.map(({ row, field }) => ({ row, field })),
    );
    expect(end.errors[0].message).toContain('12;50');
    // Progress was visible while it ran: some answer showed part of the rows done out of all of them.
    expect(
      seen.some(
        (s) => s.status === 'running' && s.processed > 0 && s.processed < s.total && s.total === ROWS,
      ),
    ).toBe(true);
    const product = (await t.http().get('/api/variants/CSV-00042').expect(200)).body;
    expect(product).toMatchObject({
      sku: 'CSV-00042',
      price: { amount: 5242, currency: 'EUR' },
      barcode: 'BC00000042',
      options: { Size: 'M' },
      attributes: { Colour: 'White', Fit: 'Loose' },
    });
    const search = (await t.http().get('/api/products?q=CSV-00042').expect(200)).body;
    expect(search.items[0]).toMatchObject({ title: 'Shirt 42, linen', description: 'Soft "washed" linen' });

    const before = await exported();
    const audits = await auditCount();
    const again = await imported('/api/import/products', file);
    expect(again.end).toMatchObject({ status: 'done', processed: ROWS, created: 0, updated: 0 });
    expect(again.end.errors.map((e) => e.row)).toEqual(BAD_ROWS.map((b) => b.row));
    expect(await exported()).toBe(before);
    expect(await auditCount()).toBe(audits);
  }, 300_000);

  it('export → import changes nothing and exports the same file; a changed price goes the way of a change by hand', async () => {
    await f.product(['RT-1', 'RT-2'], 1250, 'Round trip tee');
    const first = await exported();
    expect(first.split('\n')[0]).toBe(
      'product_id,product_title,description,status,sku,price,currency,barcode,options,attributes',
    );
    const { end } = await imported('/api/import/products', first);
    expect(end).toMatchObject({ status: 'done', created: 0, updated: 0, errors: [] });
    expect(await exported()).toBe(first);

    const prices: Array<{ sku: string; price: { amount: number } }> = [];
    const subscription = t.app.get(CatalogEditor).variantChanged.subscribe((change) => prices.push(change));
    const cheaper = first
      .split('\n')
      .filter((line, i) => i === 0 || line.includes(',RT-1,'))
      .map((line) => line.replace(',12.50,', ',9.95,'))
      .join('\n');
    const changed = await imported('/api/import/products', cheaper);
    subscription.unsubscribe();
    expect(changed.end).toMatchObject({ status: 'done', created: 0, updated: 1, errors: [] });
    expect((await t.http().get('/api/variants/RT-1').expect(200)).body.price.amount).toBe(995);
    expect(prices).toEqual([{ sku: 'RT-1', price: { amount: 995, currency: 'EUR' } }]);
    const audit = (await t.http().get('/api/audit?entity=price&entityId=RT-1').set(admin).expect(200)).body;
    expect(audit.items[0]).toMatchObject({ action: 'update', changes: { price: [1250, 995] } });
  }, 120_000);

  it('a stock count per row: ledger rows that add up to the levels, refused rows listed, the same count twice changes nothing', async () => {
    const store = await f.location();
    const [a, b, c] = await f.product(['CNT-A', 'CNT-B', 'CNT-C']);
    await f.stock(a, store, 4);
    const count = ['sku,on_hand', 'CNT-A,10', 'CNT-B,5', 'NO-SUCH-SKU,3', 'CNT-C,-1', 'CNT-C,2'].join('\n');
    const path = `/api/import/stock?locationId=${store.id}`;
    const { end } = await imported(path, count);
    expect(end).toMatchObject({ status: 'done', processed: 5, created: 2, updated: 1 });
    expect(end.errors.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 4, field: 'sku' },
      { row: 5, field: 'on_hand' },
    ]);
    expect(await f.level(a.id, store.id)).toMatchObject({ onHand: 10 });
    expect(await f.level(b.id, store.id)).toMatchObject({ onHand: 5 });
    expect(await f.level(c.id, store.id)).toMatchObject({ onHand: 2 });
    expect(await f.ledgerMismatches()).toEqual([]);
    const movements = (await t.http().get(`/api/locations/${store.id}/movements?sku=CNT-A`).set(admin)).body;
    expect(
      movements.items.map((m: { kind: string; onHandDelta: number }) => [m.kind, m.onHandDelta]),
    ).toEqual([
      ['receive', 4],
      ['count', 6],
    ]);

    const ledgerBefore = await movementCount();
    const again = await imported(path, count);
    expect(again.end).toMatchObject({ status: 'done', created: 0, updated: 0 });
    expect(await movementCount()).toBe(ledgerBefore);

    const stock = await exported(`/api/export/stock.csv?locationId=${store.id}`);
    expect(stock.trim().split('\n')).toEqual([
      'sku,title,on_hand',
      expect.stringMatching(/^CNT-A,.*,10$/),
      expect.stringMatching(/^CNT-B,.*,5$/),
      expect.stringMatching(/^CNT-C,.*,2$/),
    ]);
    const roundTrip = await imported(path, stock);
    expect(roundTrip.end).toMatchObject({ status: 'done', created: 0, updated: 0, errors: [] });
  }, 120_000);

  it('only admins import the catalog, only staff managing a store import its stock, only the starter sees a job', async () => {
    const store = await f.location();
    const other = await f.location();
    const manager = await f.user('manager', [store.id]);
    const clerk = await f.user('clerk', [store.id]);
    const csv = 'sku,on_hand\n';
    const products = `${PRODUCT_HEADER}\n`;
    expectError(
      await t.http().post('/api/import/products').attach('file', Buffer.from(products), 'a.csv'),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await upload('/api/import/products', manager.headers, products), 403, 'FORBIDDEN');
    expectError(
      await upload(`/api/import/stock?locationId=${store.id}`, clerk.headers, csv),
      403,
      'FORBIDDEN',
    );
    expectError(
      await upload(`/api/import/stock?locationId=${other.id}`, manager.headers, csv),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.http().get(`/api/export/stock.csv?locationId=${other.id}`).set(manager.headers),
      403,
      'FORBIDDEN',
    );
    expectError(await t.http().get('/api/export/products.csv').set(clerk.headers), 403, 'FORBIDDEN');
    expectError(await t.http().get('/api/export/products.csv'), 401, 'UNAUTHENTICATED');

    const mine = await imported(`/api/import/stock?locationId=${store.id}`, csv, manager.headers);
    expect(mine.end).toMatchObject({ status: 'done', processed: 0 });
    expectError(await t.http().get(`/api/import/${mine.end.id}`).set(clerk.headers), 403, 'FORBIDDEN');
    const otherManager = await f.user('manager', [store.id]);
    expectError(await t.http().get(`/api/import/${mine.end.id}`).set(otherManager.headers), 404, 'NOT_FOUND');
    expect((await job(mine.end.id, admin)).id).toBe(mine.end.id);
  });

  it('a job whose server stopped mid-file says so in words; one still making progress stays running', async () => {
    const store = await f.location();
    const [variant] = await f.product(['CUT-A']);
    await f.stock(variant, store, 1);
    const path = `/api/import/stock?locationId=${store.id}`;
    const cutOff = (await imported(path, 'sku,on_hand\nCUT-A,3')).end;
    const busy = (await imported(path, 'sku,on_hand\nCUT-A,3')).end;
    // As their rows would read had the instance running them died: still running, silent since then.
    const revive = (id: string, silentMs: number) =>
      t.app.get(DataSource).query(
        `UPDATE import_jobs SET status = 'running', finished_at = NULL, progress_at = ${placeholder(1)}
            WHERE id = ${placeholder(2)}`,
        [new Date(Date.now() - silentMs).toISOString(), id],
      );
    await revive(cutOff.id, 3 * 60_000);
    await revive(busy.id, 5_000);

    expect(await t.app.get(ImportJobs).failInterrupted()).toBe(1);
    const told = await job(cutOff.id);
    expect(told).toMatchObject({ status: 'failed', finishedAt: expect.any(String) });
    expect(told.message).toContain('the server stopped while this file was being imported. Upload it again');
    expect((await job(busy.id)).status).toBe('running');
    // Swept again, nothing more changes.
    expect(await t.app.get(ImportJobs).failInterrupted()).toBe(0);
  });

  it('files that are no CSV, or whose header is wrong, are refused in plain words and start no job', async () => {
    const jobs = async () =>
      Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM import_jobs'))[0].n);
    const before = await jobs();
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expectError(await upload('/api/import/products', admin, png, 'photo.csv'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(
      await t.http().post('/api/import/products').set(admin).send({ sku: 'x' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const wrong = await upload('/api/import/products', admin, 'code,name,cost\nA,B,1\n');
    expectError(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.body.message).toContain('lacks the columns sku, product_title, price');
    expect(wrong.body.message).toContain('unknown columns code, name, cost');
    expectError(await upload('/api/import/products', admin, ''), 400, 'VALIDATION_FAILED');
    const store = await f.location();
    expectError(
      await upload(`/api/import/stock?locationId=${store.id}`, admin, 'sku,price\nA,1\n'),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await upload('/api/import/stock?locationId=nope', admin, 'sku,on_hand\n'),
      400,
      'VALIDATION_FAILED',
    );
    expect(await jobs()).toBe(before);

    const keyed = () =>
      upload('/api/import/products', admin, `${PRODUCT_HEADER}\nKEY-1,Keyed,,1.00,EUR,,,\n`).set(
        'Idempotency-Key',
        'import-key-1',
      );
    const first = await keyed();
    expect(first.status).toBe(202);
    await finished(first.body.jobId);
    const retry = await keyed();
    expect(retry.status).toBe(202);
    expect(retry.body.jobId).toBe(first.body.jobId);
    expect(await jobs()).toBe(before + 1);
  });

  async function movementCount(): Promise<number> {
    return Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM stock_movements'))[0].n);
  }
});
