/**
 * 7. Import: a 100,000-row product CSV uploaded to POST /api/import/products and followed to the end,
 * then the catalog exported again: time, rows per second and the server process's peak memory (RSS),
 * which must stay far below the file's size in rows (streamed, applied in bounded batches).
 */
import { Blob, Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Api } from './lib/api.mjs';
import { bar, progress, round } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';

/** @param {number} rows */
function catalogCsv(rows) {
  const lines = ['sku,product_title,description,price,currency,barcode,options,attributes'];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(6, '0');
    lines.push(
      `IMP-${n},"Bench shirt ${i}, linen",Washed linen shirt,${(i % 90) + 10}.${String(i % 100).padStart(2, '0')},EUR,IB${n},Size=M,Colour=White`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The resident memory of a process now and at its highest so far, in MB (Linux /proc). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: round(kb('VmRSS') / 1024), peakMb: round(kb('VmHWM') / 1024) };
}

/** @param {import('./run.mjs').BenchContext} ctx */
export async function importCatalog(ctx) {
  const rows = ctx.quick ? 5_000 : 100_000;
  const server = await startServer('import');
  try {
    const api = await new Api(server.url).asAdmin();
    const headers = { authorization: `Bearer ${api.token}` };
    api.close();
    const csv = catalogCsv(rows);
    const atStart = memoryOf(server.pid);
    const started = Date.now();
    const form = new globalThis.FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'catalog.csv');
    const accepted = await globalThis.fetch(`${server.url}/api/import/products`, {
      method: 'POST',
      headers,
      body: form,
    });
    if (accepted.status !== 202)
      throw new Error(`import answered ${accepted.status}: ${await accepted.text()}`);
    const { jobId } = await accepted.json();
    let job;
    for (;;) {
      job = await (await globalThis.fetch(`${server.url}/api/import/${jobId}`, { headers })).json();
      progress.show(bar('importing', job.processed, rows));
      if (job.status !== 'running') break;
      await sleep(500);
    }
    progress.clear();
    const seconds = (Date.now() - started) / 1000;
    const afterImport = memoryOf(server.pid);
    if (job.status !== 'done' || job.created !== rows) {
      ctx.report.note(`import: ${job.status}, ${job.created} of ${rows} created (${job.message ?? ''})`);
    }
    const exportStarted = Date.now();
    const exported = await (
      await globalThis.fetch(`${server.url}/api/export/products.csv`, { headers })
    ).text();
    const exportSeconds = (Date.now() - exportStarted) / 1000;
    const exportedRows = exported.trim().split('\n').length - 1;
    ctx.report.add({
      bench: 'import',
      rows,
      file_mb: round(Buffer.byteLength(csv) / 1024 / 1024, 1),
      import_s: round(seconds, 1),
      rows_per_s: round(rows / seconds),
      created: job.created,
      refused: job.failed,
      rss_at_start_mb: atStart.rssMb,
      peak_rss_import_mb: afterImport.peakMb,
      export_s: round(exportSeconds, 1),
      exported_rows: exportedRows,
      peak_rss_export_mb: memoryOf(server.pid).peakMb,
    });
  } finally {
    ctx.profiles.push(await server.stop());
  }
}
