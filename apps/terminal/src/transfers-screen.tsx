import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Page, TransferView } from '@o2o/contracts';
import { describeError, query } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { formatTime, STATUS_LABELS } from '../../shared/format';
import { useTerminal } from './context';
import { LinePicker, type PickedLine } from './line-picker';

/** Send stock to another location, receive what is on its way here, and see what is still on its way out. */
export function TransfersScreen() {
  const { call, location, feed } = useTerminal();
  const [incoming, setIncoming] = useState<TransferView[]>([]);
  const [outgoing, setOutgoing] = useState<TransferView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const inTransit = (direction: 'in' | 'out') =>
        call<Page<TransferView>>(
          `/locations/${location.id}/transfers${query({ direction, status: 'in_transit', limit: 100 })}`,
        );
      const [arriving, leaving] = await Promise.all([inTransit('in'), inTransit('out')]);
      setIncoming(arriving.items);
      setOutgoing(leaving.items);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [call, location.id]);
  useEffect(() => void load(), [load]);
  useEffect(() => feed.onEvent((event) => event.type === 'transfer.updated' && void load()), [feed, load]);

  const receive = async (transfer: TransferView) => {
    setBusyId(transfer.id);
    setError(null);
    try {
      await call(`/transfers/${transfer.id}/receive`, { body: {}, idempotencyKey: `receive-${transfer.id}` });
      setNotice(`Transfer ${transfer.number} received into stock.`);
      await load();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div class="two-columns">
      <section class="card">
        <h2>Arriving here</h2>
        {error && <p class="notice error">{error}</p>}
        {notice && <p class="notice info">{notice}</p>}
        {incoming.length === 0 && <p class="muted">Nothing on its way.</p>}
        <ul class="transfer-list">
          {incoming.map((transfer) => (
            <li key={transfer.id} class="transfer">
              <div>
                <strong>{transfer.number}</strong> from {transfer.fromLocationName}
                <TransferLines transfer={transfer} />
                <div class="muted">sent {formatTime(transfer.createdAt)}</div>
              </div>
              <button disabled={busyId === transfer.id} onClick={() => void receive(transfer)}>
                Receive
              </button>
            </li>
          ))}
        </ul>
        {outgoing.length > 0 && (
          <>
            <h2>On its way out</h2>
            <ul class="transfer-list">
              {outgoing.map((transfer) => (
                <li key={transfer.id} class="transfer-out">
                  <strong>{transfer.number}</strong> to {transfer.toLocationName}
                  <TransferLines transfer={transfer} />
                  <div class="muted">sent {formatTime(transfer.createdAt)}, not received yet</div>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <SendTransfer />
    </div>
  );
}

/** What a transfer carries, by SKU and name. */
function TransferLines({ transfer }: { transfer: TransferView }) {
  return (
    <ul class="transfer-lines">
      {transfer.lines.map((line) => (
        <li key={line.sku}>
          {line.qty} × {line.sku} <strong>{line.title}</strong>
        </li>
      ))}
    </ul>
  );
}

function SendTransfer() {
  const { call, location, allLocations } = useTerminal();
  // Any other store or warehouse of the retailer, whether or not this clerk works there.
  const destinations = allLocations.filter((l) => l.id !== location.id);
  const [to, setTo] = useState('');
  const [lines, setLines] = useState<PickedLine[]>([]);
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const send = async (event: Event) => {
    event.preventDefault();
    setSent(null);
    const body = {
      fromLocationId: location.id,
      toLocationId: to,
      lines: lines.map((line) => ({ sku: line.sku, qty: line.qty })),
    };
    const transfer = await run((idempotencyKey) =>
      call<TransferView>('/transfers', { body, idempotencyKey }),
    );
    if (!transfer) return;
    setLines([]);
    setSent(
      `Transfer ${transfer.number} is ${STATUS_LABELS[transfer.status].toLowerCase()} to ${transfer.toLocationName}.`,
    );
  };

  return (
    <section class="card">
      <h2>Send to another location</h2>
      {destinations.length === 0 ? (
        <p class="muted">The retailer has no other location to send to.</p>
      ) : (
        <form onSubmit={send}>
          <label>
            Destination
            <select required value={to} onChange={(e) => setTo(e.currentTarget.value)}>
              <option value="">Choose…</option>
              {destinations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.code})
                </option>
              ))}
            </select>
          </label>
          <LinePicker lines={lines} onChange={setLines} />
          {error && <p class="notice error">{error}</p>}
          {sent && <p class="notice info">{sent}</p>}
          <button class="big" type="submit" disabled={busy || !to || lines.length === 0}>
            Ship out
          </button>
        </form>
      )}
    </section>
  );
}
