/**
 * The data sets the benchmarks need, created through the API as admin, plus the ledger check that
 * every benchmark runs on the database afterwards.
 */
import Database from 'better-sqlite3';
import { Api, skuNames } from './api.mjs';
import { bar, progress } from './report.mjs';
import { withPg } from './server.mjs';

/**
 * Stores, a catalog and stock: `unitsFor(skuIndex, locationIndex)` units of each SKU at each store
 * (0 = no stock row).
 * @param {string} baseUrl
 * @param {{ set: string, locations: number, skus: number, unitsFor: (s: number, l: number) => number }} spec
 */
export async function seedStores(baseUrl, spec) {
  const api = await new Api(baseUrl).asAdmin();
  progress.show(`seeding ${spec.locations} stores and ${spec.skus} SKUs`);
  const locations = await api.createLocations(spec.locations, spec.set);
  const skus = await api.createProducts(skuNames(spec.set, spec.skus));
  const levels = [];
  skus.forEach((sku, s) =>
    locations.forEach((location, l) => {
      const qty = spec.unitsFor(s, l);
      if (qty > 0) levels.push({ locationId: location.id, sku, qty });
    }),
  );
  await api.receiveStock(levels, (done) => progress.show(bar('seeding stock', done, levels.length)));
  progress.clear();
  return { api, locations, skus, levels, offers: levels.map(({ locationId, sku }) => ({ locationId, sku })) };
}

const MISMATCHES = `
  SELECT l.variant_id, l.location_id, l.on_hand, l.reserved, m.on_hand_sum, m.reserved_sum
  FROM stock_levels l
  LEFT JOIN (
    SELECT variant_id, location_id, SUM(on_hand_delta) AS on_hand_sum, SUM(reserved_delta) AS reserved_sum
    FROM stock_movements GROUP BY variant_id, location_id
  ) m ON m.variant_id = l.variant_id AND m.location_id = l.location_id
  WHERE l.on_hand <> COALESCE(m.on_hand_sum, 0) OR l.reserved <> COALESCE(m.reserved_sum, 0)
     OR l.reserved < 0 OR l.reserved > l.on_hand`;

/**
 * The ledger invariant over the whole database (as the e2e fixtures check it): every level equals the
 * sum of its movements and 0 ≤ reserved ≤ onHand. Answers the number of offending levels.
 * @param {{ kind: string, url: string, sqlitePath?: string }} db
 */
export async function ledgerMismatches(db) {
  if (db.kind === 'sqlite') {
    const sqlite = new Database(/** @type {string} */ (db.sqlitePath), { readonly: true });
    try {
      return sqlite.prepare(MISMATCHES).all().length;
    } finally {
      sqlite.close();
    }
  }
  return withPg(db.url, async (client) => (await client.query(MISMATCHES)).rowCount ?? 0);
}

/**
 * One level's figures straight from the database (for the oversold check).
 * @param {{ kind: string, url: string, sqlitePath?: string }} db
 */
export async function levelOf(db, sku, locationId) {
  const query = (p) =>
    `SELECT l.on_hand, l.reserved, (SELECT COUNT(*) FROM stock_movements m WHERE m.variant_id = l.variant_id
       AND m.location_id = l.location_id AND m.kind = 'reserve') AS reserves
     FROM stock_levels l JOIN variants v ON v.id = l.variant_id WHERE v.sku = ${p(1)} AND l.location_id = ${p(2)}`;
  let row;
  if (db.kind === 'sqlite') {
    const sqlite = new Database(/** @type {string} */ (db.sqlitePath), { readonly: true });
    try {
      row = sqlite.prepare(query(() => '?')).get(sku, locationId);
    } finally {
      sqlite.close();
    }
  } else {
    row = await withPg(
      db.url,
      async (client) =>
        (
          await client.query(
            query((n) => `$${n}`),
            [sku, locationId],
          )
        ).rows[0],
    );
  }
  return { onHand: Number(row.on_hand), reserved: Number(row.reserved), reserves: Number(row.reserves) };
}

/**
 * A flash sale's tickets straight from the database: {token, seq, admitted_at} (ISO text on both).
 * @param {{ kind: string, url: string, sqlitePath?: string }} db
 */
export async function ticketsOf(db, saleId) {
  const query = (p) => `SELECT token, seq, admitted_at FROM flash_tickets WHERE sale_id = ${p}`;
  if (db.kind !== 'sqlite')
    return withPg(db.url, async (client) => (await client.query(query('$1'), [saleId])).rows);
  const sqlite = new Database(/** @type {string} */ (db.sqlitePath), { readonly: true });
  try {
    return sqlite.prepare(query('?')).all(saleId);
  } finally {
    sqlite.close();
  }
}
