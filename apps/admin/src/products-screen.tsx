import { useState } from 'preact/hooks';
import type { Page, ProductStatus, ProductView, UpdateVariantRequest, VariantView } from '@o2o/contracts';
import { query } from '../../shared/api';
import { formatMoney, parseMoney } from '../../shared/format';
import { useAction, useLoad } from '../../shared/hooks';
import { ProductPictures } from './product-pictures';
import { useBackOffice } from './session';

/** Products: a searchable list on the left, the chosen product's editor on the right. */
export function ProductsScreen() {
  const { call } = useBackOffice();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const products = useLoad(
    () => call<Page<ProductView>>(`/products${query({ q: search.trim(), limit: 100 })}`),
    [search],
  );
  const replace = (product: ProductView) =>
    products.setValue((page) =>
      page ? { ...page, items: page.items.map((p) => (p.id === product.id ? product : p)) } : page,
    );
  const product = products.value?.items.find((p) => p.id === chosen) ?? null;
  return (
    <div class="split products-screen">
      <section class="card list-panel">
        <h2>Products</h2>
        <label>
          Search by title, SKU or barcode
          <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        {products.error && <p class="notice error">{products.error}</p>}
        <table class="pick-table">
          <thead>
            <tr>
              <th>Title</th>
              <th class="num">Variants</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {products.value?.items.map((p) => (
              <tr
                key={p.id}
                data-testid="product-row"
                data-product-id={p.id}
                class={p.id === chosen ? 'chosen' : undefined}
              >
                <td>
                  <button class="link" onClick={() => setChosen(p.id)}>
                    {p.title}
                  </button>
                </td>
                <td class="num">{p.variants.length}</td>
                <td>{p.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {products.value && products.value.items.length === 0 && <p class="muted">No product matches.</p>}
      </section>
      <section class="card editor-panel">
        {product ? (
          <ProductEditor key={product.id} product={product} onSaved={replace} />
        ) : (
          <p class="muted">Choose a product to edit its text, prices, barcodes and pictures.</p>
        )}
      </section>
    </div>
  );
}

interface VariantDraft {
  price: string;
  barcode: string;
  /** Its value per product option (Size, Colour), as typed. */
  options: Record<string, string>;
}

/** The price as a person types it ("19.99"), in the currency's own number of decimals. */
function draftOf(variant: VariantView): VariantDraft {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency: variant.price.currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return {
    price: (variant.price.amount / 10 ** digits).toFixed(digits),
    barcode: variant.barcode ?? '',
    options: { ...variant.options },
  };
}

/**
 * One product's fields and its variants' prices and barcodes, saved together: the product's text
 * (admin only) then each variant that changed, so a manager allowed to set prices can still save them.
 */
function ProductEditor({ product, onSaved }: { product: ProductView; onSaved: (p: ProductView) => void }) {
  const { call, session } = useBackOffice();
  const isAdmin = session.user.role === 'admin';
  const [title, setTitle] = useState(product.title);
  const [description, setDescription] = useState(product.description);
  const [status, setStatus] = useState<ProductStatus>(product.status);
  const [drafts, setDrafts] = useState<Record<string, VariantDraft>>(() =>
    Object.fromEntries(product.variants.map((v) => [v.sku, draftOf(v)])),
  );
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();

  const edit = (sku: string, change: Partial<VariantDraft>) => {
    setSaved(false);
    setDrafts((all) => ({ ...all, [sku]: { ...all[sku], ...change } }));
  };

  const save = () =>
    run(async () => {
      const changes = product.variants.map((v) => variantChange(v, drafts[v.sku]));
      const invalid = product.variants.find((_, i) => changes[i] === 'invalid');
      if (invalid) throw new Error(`The price of ${invalid.sku} is not an amount.`);
      let next = product;
      if (
        isAdmin &&
        (title !== product.title || description !== product.description || status !== product.status)
      ) {
        next = await call<ProductView>(`/products/${product.id}`, {
          method: 'PATCH',
          body: { title, description, status },
        });
      }
      for (const [i, variant] of product.variants.entries()) {
        const change = changes[i];
        if (change === 'invalid' || !change) continue;
        const updated = await call<VariantView>(`/variants/${encodeURIComponent(variant.sku)}`, {
          method: 'PATCH',
          body: change,
        });
        next = { ...next, variants: next.variants.map((v) => (v.sku === updated.sku ? updated : v)) };
      }
      onSaved(next);
      setSaved(true);
    });

  return (
    <div class="editor">
      <h2>{product.title}</h2>
      <label>
        Title
        <input value={title} disabled={!isAdmin} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Description
        <textarea
          rows={4}
          value={description}
          disabled={!isAdmin}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={status === 'archived'}
          disabled={!isAdmin}
          onChange={(e) => setStatus(e.currentTarget.checked ? 'archived' : 'active')}
        />
        Archived: no longer offered in the shop
      </label>
      {!isAdmin && <p class="muted">Only an admin changes a product's text; managers may set prices.</p>}
      <table>
        <thead>
          <tr>
            <th>SKU</th>
            {product.options.length ? (
              product.options.map((option) => <th key={option.name}>{option.name}</th>)
            ) : (
              <th>Variant</th>
            )}
            <th>Price now</th>
            <th>New price</th>
            <th>Barcode</th>
          </tr>
        </thead>
        <tbody>
          {product.variants.map((v) => (
            <tr key={v.sku} data-sku={v.sku}>
              <td>{v.sku}</td>
              {product.options.length ? (
                product.options.map((option) => (
                  <td key={option.name}>
                    <input
                      class="option-field"
                      data-testid="variant-option-input"
                      data-option={option.name}
                      aria-label={`${option.name} of ${v.sku}`}
                      list={`values-${option.name}`}
                      value={drafts[v.sku].options[option.name] ?? ''}
                      disabled={!isAdmin}
                      onInput={(e) =>
                        edit(v.sku, {
                          options: { ...drafts[v.sku].options, [option.name]: e.currentTarget.value },
                        })
                      }
                    />
                  </td>
                ))
              ) : (
                <td>{Object.values(v.attributes).join(' / ') || '—'}</td>
              )}
              <td>{formatMoney(v.price)}</td>
              <td>
                <input
                  data-testid="price-input"
                  aria-label={`Price of ${v.sku}`}
                  inputMode="decimal"
                  class="price-field"
                  value={drafts[v.sku].price}
                  onInput={(e) => edit(v.sku, { price: e.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Barcode of ${v.sku}`}
                  value={drafts[v.sku].barcode}
                  disabled={!isAdmin}
                  onInput={(e) => edit(v.sku, { barcode: e.currentTarget.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* The values already offered, suggested while typing; a new value adds itself to the option. */}
      {product.options.map((option) => (
        <datalist key={option.name} id={`values-${option.name}`}>
          {option.values.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      ))}
      <ProductPictures product={product} onAdded={onSaved} />
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {saved && !error && (
        <p class="notice info" role="status">
          Saved. New prices are live in the shop; reprint their shelf labels (terminal, Labels).
        </p>
      )}
      <button data-testid="save" class="big" disabled={busy} onClick={() => void save()}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </div>
  );
}

/** What changed in one variant's draft: a PATCH body, nothing, or a price that is not an amount. */
function variantChange(variant: VariantView, draft: VariantDraft): UpdateVariantRequest | null | 'invalid' {
  const price = parseMoney(draft.price, variant.price.currency);
  if (price === null) return 'invalid';
  const body: UpdateVariantRequest = {};
  if (price !== variant.price.amount) body.price = price;
  const barcode = draft.barcode.trim() || null;
  if (barcode !== (variant.barcode ?? null)) body.barcode = barcode;
  const options = Object.fromEntries(
    Object.entries(draft.options)
      .map(([name, value]) => [name, value.trim()])
      .filter(([, value]) => value),
  );
  if (JSON.stringify(options) !== JSON.stringify(variant.options)) body.options = options;
  return Object.keys(body).length ? body : null;
}
