import { useState } from 'preact/hooks';
import { AUDIT_ENTITIES, type AuditEntity, type AuditEntryView, type Page } from '@o2o/contracts';
import { query } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { useBackOffice } from './session';

/** Who changed which price, product, store, account or stock, and when; newest first. */
export function AuditScreen() {
  const { call } = useBackOffice();
  const [entity, setEntity] = useState<AuditEntity | ''>('');
  const [search, setSearch] = useState('');
  const entries = useLoad(
    () => call<Page<AuditEntryView>>(`/audit${query({ entity, q: search.trim(), limit: 100 })}`),
    [entity, search],
  );
  return (
    <section class="card">
      <h2>Audit</h2>
      <div class="row filters">
        <label>
          What
          <select value={entity} onChange={(e) => setEntity(e.currentTarget.value as AuditEntity | '')}>
            <option value="">Everything</option>
            {AUDIT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
      </div>
      {entries.error && <p class="notice error">{entries.error}</p>}
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {entries.value?.items.map((entry) => (
            <tr key={entry.id} data-testid="audit-row">
              <td>{new Date(entry.at).toLocaleString()}</td>
              <td class="wrap">{entry.actor.email}</td>
              <td class="wrap">
                {entry.entity} {entry.action} <span class="muted">{entry.entityId}</span>
              </td>
              <td class="wrap">
                {Object.entries(entry.changes)
                  .map(([field, [before, after]]) => `${field}: ${show(before)} → ${show(after)}`)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
