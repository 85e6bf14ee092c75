import { useState } from 'preact/hooks';
import type { AvailabilityView, ProductView, VariantView } from '@o2o/contracts';
import { t } from './i18n';

export type Choice = Record<string, string>;

/** The variant whose options are exactly these, if the product has one. */
export function variantFor(product: ProductView, choice: Choice): VariantView | undefined {
  return product.variants.find((v) => product.options.every((o) => v.options[o.name] === choice[o.name]));
}

/** What is chosen when the page opens: the given SKU's options, else the first variant's. */
export function initialChoice(product: ProductView, sku: string | null): Choice {
  const variant = product.variants.find((v) => v.sku === sku) ?? product.variants[0];
  return { ...(variant?.options ?? {}) };
}

/** Whether a variant can be had at all: online or at some store. */
function inStock(sku: string, availability: AvailabilityView[] | undefined): boolean {
  const view = availability?.find((a) => a.sku === sku);
  return !!view && (view.online > 0 || view.locations.some((l) => l.available > 0));
}

/**
 * One row of buttons per option (Size, Colour). A value whose variant (with the other choices kept)
 * does not exist or is sold out everywhere stays visible and choosable, marked "sold out".
 */
export function OptionPicker(props: {
  product: ProductView;
  choice: Choice;
  availability: AvailabilityView[] | undefined;
  onChoose: (choice: Choice) => void;
}) {
  const m = t();
  return (
    <div class="option-picker">
      {props.product.options.map((option) => (
        <fieldset key={option.name} class="option">
          <legend>
            {option.name}: <strong>{props.choice[option.name]}</strong>
          </legend>
          <div class="option-values">
            {option.values.map((value) => {
              const next = { ...props.choice, [option.name]: value };
              const variant = variantFor(props.product, next);
              const soldOut = !variant || !inStock(variant.sku, props.availability);
              const pressed = props.choice[option.name] === value;
              return (
                <button
                  key={value}
                  type="button"
                  class={`option-value${soldOut ? ' sold-out' : ''}`}
                  data-testid="variant-option"
                  data-option={option.name}
                  data-value={value}
                  data-sold-out={soldOut ? 'true' : 'false'}
                  aria-pressed={pressed ? 'true' : 'false'}
                  aria-label={m.optionLabel(option.name, value, soldOut)}
                  onClick={() => props.onChoose(next)}
                >
                  {value}
                  {soldOut && <span class="sold-out-note"> · {m.soldOut}</span>}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

/**
 * How many: − and + around a number field that never goes below 1. A whole number typed counts at
 * once; an emptied field (Backspace) or 0 changes nothing and leaving it shows the number again.
 */
export function QuantityStepper(props: {
  value: number;
  max?: number;
  label?: string;
  onChange: (qty: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const max = props.max ?? 99;
  const set = (qty: number) => props.onChange(Math.max(1, Math.min(max, Math.floor(qty))));
  const type = (text: string) => {
    setDraft(text);
    const qty = Number(text);
    if (text.trim() && Number.isInteger(qty) && qty >= 1) set(qty);
  };
  const m = t();
  return (
    <div class="stepper">
      <button
        type="button"
        aria-label={m.oneFewer}
        disabled={props.value <= 1}
        onClick={() => set(props.value - 1)}
      >
        −
      </button>
      <input
        data-testid="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        aria-label={props.label ?? m.quantity}
        value={draft ?? props.value}
        onInput={(e) => type(e.currentTarget.value)}
        onBlur={() => setDraft(null)}
      />
      <button type="button" aria-label={m.oneMore} onClick={() => set(props.value + 1)}>
        +
      </button>
    </div>
  );
}
