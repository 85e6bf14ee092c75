import type { AvailabilityView, ProductView, VariantView } from '@o2o/contracts';

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
                  aria-label={`${option.name} ${value}${soldOut ? ', sold out' : ''}`}
                  onClick={() => props.onChoose(next)}
                >
                  {value}
                  {soldOut && <span class="sold-out-note"> · sold out</span>}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

/** How many to add: − and + around a number field that never goes below 1. */
export function QuantityStepper(props: { value: number; max?: number; onChange: (qty: number) => void }) {
  const set = (qty: number) => props.onChange(Math.max(1, Math.min(props.max ?? 99, Math.floor(qty) || 1)));
  return (
    <div class="stepper">
      <button
        type="button"
        aria-label="One fewer"
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
        max={props.max ?? 99}
        aria-label="Quantity"
        value={props.value}
        onChange={(e) => set(Number(e.currentTarget.value))}
      />
      <button type="button" aria-label="One more" onClick={() => set(props.value + 1)}>
        +
      </button>
    </div>
  );
}
