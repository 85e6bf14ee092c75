/** − and + around a number: thumbs hit buttons more surely than a tiny number field's arrows. */
export function QuantityStepper(props: { value: number; onChange: (qty: number) => void; label: string }) {
  return (
    <span class="stepper">
      <button
        type="button"
        class="secondary"
        aria-label={`One less: ${props.label}`}
        disabled={props.value <= 1}
        onClick={() => props.onChange(props.value - 1)}
      >
        −
      </button>
      <input
        class="qty"
        type="number"
        min={1}
        aria-label={props.label}
        value={props.value}
        onInput={(e) => props.onChange(Math.max(1, Math.floor(Number(e.currentTarget.value) || 1)))}
      />
      <button
        type="button"
        class="secondary"
        aria-label={`One more: ${props.label}`}
        onClick={() => props.onChange(props.value + 1)}
      >
        +
      </button>
    </span>
  );
}
