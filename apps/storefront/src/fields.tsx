/** What the page takes for an email address before the server checks it again. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The attributes that tie an input to its problem, for screen readers. */
export function describedBy(field: string, problem: string | undefined) {
  return {
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': problem ? `error-${field}` : undefined,
  };
}

/** A field's problem in words, beside it (never the browser's own bubble, which speaks its language). */
export function FieldError({ field, problem }: { field: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <span class="field-error" id={`error-${field}`} data-testid="field-error" data-field={field}>
      {problem}
    </span>
  );
}
