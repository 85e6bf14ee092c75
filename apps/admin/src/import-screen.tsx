import { useEffect, useState } from 'preact/hooks';
import type { ImportAccepted, ImportJobView, ImportKind, LocationView, Page } from '@o2o/contracts';
import { describeError, newIdempotencyKey } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { useBackOffice } from './session';

const POLL_MS = 500;

/** Loading the catalog or a store's stock count from a spreadsheet's CSV, and downloading them as CSV. */
export function ImportScreen() {
  const { call, session } = useBackOffice();
  const isAdmin = session.user.role === 'admin';
  const locations = useLoad(() => call<Page<LocationView>>('/locations?limit=500'), []);
  const stores = (locations.value?.items ?? []).filter(
    (l) => isAdmin || session.user.locationIds.includes(l.id),
  );
  const [kind, setKind] = useState<ImportKind>(isAdmin ? 'products' : 'stock');
  const [storeId, setStoreId] = useState('');
  const store = storeId || stores[0]?.id || '';
  return (
    <div class="split import-screen">
      <section class="card list-panel">
        <h2>Import</h2>
        <p class="muted">
          A CSV file saved from a spreadsheet, its first row naming the columns (as in the exports). Rows that
          are wrong are listed; the others are loaded. Loading the same file again changes nothing.
        </p>
        <div class="editor">
          <label>
            What
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ImportKind)}>
              {isAdmin && <option value="products">Products and prices</option>}
              <option value="stock">Stock count of a store</option>
            </select>
          </label>
          {kind === 'stock' && <StoreSelect stores={stores} value={store} onChange={setStoreId} />}
          <ImportRunner kind={kind} locationId={kind === 'stock' ? store : null} />
        </div>
      </section>
      <section class="card editor-panel">
        <h2>Export</h2>
        {locations.error && <p class="notice error">{locations.error}</p>}
        <div class="editor">
          <Download
            label="Products and prices (products.csv)"
            path="/export/products.csv"
            file="products.csv"
          />
          <StoreSelect stores={stores} value={store} onChange={setStoreId} />
          <Download
            label="Stock of this store (stock.csv)"
            path={`/export/stock.csv?locationId=${store}`}
            file={`stock-${stores.find((s) => s.id === store)?.code ?? 'store'}.csv`}
            disabled={!store}
          />
        </div>
      </section>
    </div>
  );
}

function StoreSelect(props: { stores: LocationView[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      Store
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.code})
          </option>
        ))}
      </select>
    </label>
  );
}

/** Uploads the chosen file, then follows the job until it ends: progress bar, counts, refused rows. */
function ImportRunner({ kind, locationId }: { kind: ImportKind; locationId: string | null }) {
  const { call } = useBackOffice();
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    if (!jobId) return undefined;
    let stopped = false;
    const follow = async () => {
      try {
        const state = await call<ImportJobView>(`/import/${jobId}`);
        if (stopped) return;
        setJob(state);
        if (state.status === 'running') setTimeout(follow, POLL_MS);
      } catch (failure) {
        if (!stopped) setError(describeError(failure));
      }
    };
    void follow();
    return () => {
      stopped = true;
    };
  }, [jobId]);

  const start = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setJob(null);
    setJobId(null);
    setUploading(true);
    try {
      const body = new FormData();
      body.append('file', file);
      const path = kind === 'products' ? '/import/products' : `/import/stock?locationId=${locationId}`;
      const accepted = await call<ImportAccepted>(path, { body, idempotencyKey: newIdempotencyKey() });
      setJobId(accepted.jobId);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setUploading(false);
    }
  };

  const running = uploading || job?.status === 'running' || (!!jobId && !job);
  return (
    <>
      <label>
        CSV file
        <input
          data-testid="import-file"
          type="file"
          accept=".csv,text/csv"
          disabled={running || (kind === 'stock' && !locationId)}
          onChange={(e) => {
            void start(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {(uploading || job) && <JobProgress job={job} />}
    </>
  );
}

function JobProgress({ job }: { job: ImportJobView | null }) {
  const total = job?.total ?? 0;
  const processed = job?.processed ?? 0;
  const status = job?.status ?? 'uploading';
  return (
    <div class="import-job" aria-live="polite">
      <progress
        data-testid="import-progress"
        data-status={status}
        data-processed={processed}
        data-total={total}
        max={Math.max(total, 1)}
        value={status === 'done' ? Math.max(total, 1) : processed}
      />
      <p>
        {status === 'uploading' && 'Sending the file…'}
        {status === 'running' && `${processed.toLocaleString()} of ${total.toLocaleString()} rows…`}
        {status === 'done' &&
          `Done: ${processed.toLocaleString()} rows, ${job!.created.toLocaleString()} new, ` +
            `${job!.updated.toLocaleString()} changed, ${job!.failed.toLocaleString()} refused.`}
        {status === 'failed' && job!.message}
      </p>
      {job && job.errors.length > 0 && (
        <table data-testid="import-errors">
          <caption>
            Refused rows{job.failed > job.errors.length ? ` (the first ${job.errors.length})` : ''}
          </caption>
          <thead>
            <tr>
              <th>Row</th>
              <th>Column</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {job.errors.map((e) => (
              <tr
                key={`${e.row}-${e.field}`}
                data-testid="import-error"
                data-row={e.row}
                data-field={e.field}
              >
                <td>{e.row}</td>
                <td>{e.field}</td>
                <td class="wrap">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A download of a CSV the server answers only with the bearer token, saved under `file`. */
function Download(props: { label: string; path: string; file: string; disabled?: boolean }) {
  const { call } = useBackOffice();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const text = await call<string>(props.path);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      link.download = props.file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <button
        data-testid="export-download"
        class="secondary"
        disabled={busy || props.disabled}
        onClick={download}
      >
        {busy ? 'Preparing…' : props.label}
      </button>
      {error && <p class="notice error">{error}</p>}
    </div>
  );
}
