import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaleLabelView } from '@o2o/contracts';
import { describeError, query } from '../../shared/api';
import { countOf, formatMoney } from '../../shared/format';
import { useLoad } from '../../shared/hooks';
import { useTerminal } from './context';
import { LinePicker, type PickedLine } from './line-picker';

/**
 * Printing QR shelf labels: the server issues any missing tags and answers a printable sheet, shown
 * here in a frame and sent to the printer. Without items: labels for everything stocked here.
 */
export function LabelsScreen() {
  const { call, location, feed } = useTerminal();
  const stale = useLoad(
    () => call<StaleLabelView[]>(`/locations/${location.id}/labels/stale`),
    [location.id],
  );
  // A price change anywhere may make a label here show an old price: ask again (printing clears them too).
  useEffect(() => feed.onPriceChange(() => void stale.reload()), [feed, stale.reload]);
  useEffect(() => feed.onResync(() => void stale.reload()), [feed, stale.reload]);
  const [lines, setLines] = useState<PickedLine[]>([]);
  const [format, setFormat] = useState<'a4' | 'label'>('a4');
  const [sheetUrl, setSheetUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const prepare = async () => {
    setBusy(true);
    setError(null);
    try {
      const html = await call<string>(
        `/locations/${location.id}/labels${query({ sku: lines.map((line) => line.sku), format })}`,
      );
      if (sheetUrl) URL.revokeObjectURL(sheetUrl);
      setSheetUrl(URL.createObjectURL(new Blob([html], { type: 'text/html' })));
      void stale.reload();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="two-columns labels">
      <section class="card">
        <StaleLabels
          labels={stale.value ?? []}
          error={stale.error}
          onReprint={() =>
            setLines(
              (stale.value ?? []).map((label) => ({
                sku: label.sku,
                title: label.title,
                qty: 1,
                available: 0,
                price: label.price,
              })),
            )
          }
        />
        <h2>QR shelf labels</h2>
        <LinePicker lines={lines} onChange={setLines} quantities={false} />
        <label>
          Paper
          <select value={format} onChange={(e) => setFormat(e.currentTarget.value as 'a4' | 'label')}>
            <option value="a4">A4 sheet, 3 × 8 labels</option>
            <option value="label">Label printer, 50 × 30 mm</option>
          </select>
        </label>
        {error && <p class="notice error">{error}</p>}
        <button class="big" disabled={busy} onClick={() => void prepare()}>
          {lines.length ? `Prepare ${countOf(lines.length, 'label')}` : 'Prepare labels for all stock here'}
        </button>
      </section>
      <section class="card sheet-preview">
        {sheetUrl ? (
          <>
            <div class="spread">
              <h2>Preview</h2>
              <button
                onClick={() =>
                  (document.getElementById('label-sheet') as HTMLIFrameElement | null)?.contentWindow?.print()
                }
              >
                Print
              </button>
            </div>
            <SheetPreview url={sheetUrl} />
          </>
        ) : (
          <p class="muted">The sheet appears here, ready to print.</p>
        )}
      </section>
    </div>
  );
}

/** The SKUs whose printed labels here show an old price, with a shortcut to put them on the sheet. */
function StaleLabels(props: { labels: StaleLabelView[]; error: string | null; onReprint: () => void }) {
  if (props.error) return <p class="notice error">{props.error}</p>;
  if (!props.labels.length) return <p class="muted">Every printed label here shows today's price.</p>;
  return (
    <div class="stale-labels notice warn" role="status">
      <h2>Labels showing an old price</h2>
      <ul>
        {props.labels.map((label) => (
          <li key={label.sku} data-testid="stale-label" data-sku={label.sku}>
            {label.title} ({label.sku}): label {formatMoney(label.printedPrice)}, now{' '}
            <strong>{formatMoney(label.price)}</strong>
          </li>
        ))}
      </ul>
      <button onClick={props.onReprint}>Put these on the sheet</button>
    </div>
  );
}

/** Width the sheet is laid out at (A4 on screen), as in terminal.css. */
const SHEET_WIDTH = 820;
const SHEET_HEIGHT = 1160;

/** The whole sheet, zoomed to the width of its column, so the clerk sees every label before printing. */
function SheetPreview({ url }: { url: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.5);
  useEffect(() => {
    const box = frame.current;
    if (!box) return;
    const fit = () => setScale(Math.min(1, box.clientWidth / SHEET_WIDTH));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} class="sheet-frame" style={{ height: `${Math.round(SHEET_HEIGHT * scale)}px` }}>
      {/* A preview to look at, not to operate: kept out of the Tab order (Print is above). */}
      <iframe
        id="label-sheet"
        title="Label sheet"
        src={url}
        tabIndex={-1}
        style={{ transform: `scale(${scale})` }}
      />
    </div>
  );
}
