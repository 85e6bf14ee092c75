/**
 * What a refused field means, in words a shopper or a clerk can act on: class-validator's own
 * messages ("customer.email email must be an email") are written for developers.
 */
const REASONS: Record<string, (raw: string) => string> = {
  isEmail: () => 'must be an email address, like name@example.com',
  isBoolean: () => 'must be true or false',
  isInt: () => 'must be a whole number',
  isNumber: () => 'must be a number',
  isString: () => 'must be text',
  isArray: () => 'must be a list',
  isObject: () => 'must be a JSON object',
  isUuid: () => 'must be an id as this API gives them',
  isNotEmpty: () => 'is required',
  isDefined: () => 'is required',
  whitelistValidation: () => 'is not something this request takes',
  min: (raw) => `must be at least ${lastWord(raw)}`,
  max: (raw) => `must be at most ${lastWord(raw)}`,
  isIn: (raw) => `must be one of: ${raw.split(': ').slice(1).join(': ')}`,
  isLength: (raw) => lengthReason(raw),
  minLength: (raw) => lengthReason(raw),
  maxLength: (raw) => lengthReason(raw),
  arrayMinSize: (raw) => `must hold at least ${numberIn(raw)} ${plural(numberIn(raw), 'item')}`,
  arrayMaxSize: (raw) => `may hold at most ${numberIn(raw)} ${plural(numberIn(raw), 'item')}`,
};

/** The reason for one failed constraint, without the field's name (the label says which field). */
export function plainReason(constraint: string, raw: string, property: string): string {
  const reason = REASONS[constraint];
  if (reason) return reason(raw);
  // Our own messages ("$property must be 1-64 letters…") are already words: only the name goes.
  return raw.startsWith(`${property} `) ? raw.slice(property.length + 1) : raw;
}

const WORDS: Record<string, string> = { qty: 'quantity', sku: 'SKU', skus: 'SKUs', id: 'id', ids: 'ids' };

/** "customer.email" → "Customer email"; "lines.0.qty" → "Line 1 quantity"; "locationIds" → "Location ids". */
export function fieldLabel(path: string): string {
  const words = path.split('.').flatMap((part, i, parts) => {
    if (/^\d+$/.test(part)) return [String(Number(part) + 1)];
    const next = parts[i + 1];
    const name = /^\d+$/.test(next ?? '') && part.endsWith('s') ? part.slice(0, -1) : part;
    return name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .split(' ')
      .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  });
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lengthReason(raw: string): string {
  const n = numberIn(raw);
  return raw.includes('longer')
    ? `must be at least ${n} ${plural(n, 'character')} long`
    : `must be at most ${n} ${plural(n, 'character')} long`;
}

function numberIn(raw: string): number {
  return Number(/(\d+)/.exec(raw)?.[1] ?? 0);
}

function lastWord(raw: string): string {
  return raw.trim().split(/\s+/).at(-1) ?? '';
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
