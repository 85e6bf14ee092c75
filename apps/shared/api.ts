import type { ErrorBody, ErrorCode, ErrorDetails } from '@o2o/contracts';

/** An answer of the API in the contract's error shape, or a network failure (status 0, code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details: ErrorBody['details'] = undefined,
  ) {
    super(message);
  }

  /** The answer's details typed by the contract when it has this code, else undefined. */
  detailsOf<C extends ErrorCode>(code: C): ErrorDetails<C> | undefined {
    return this.code === code ? (this.details as ErrorDetails<C> | undefined) : undefined;
  }

  get offline(): boolean {
    return this.code === 'NETWORK';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON, or a FormData for a file upload (sent as multipart). */
  body?: unknown;
  /** Staff or customer access token. */
  token?: string | null;
  /** A guest's order token (X-Order-Token). */
  orderToken?: string | null;
  /** Writes that move stock or create orders: the same key for every retry of one intent. */
  idempotencyKey?: string;
  /** Any other header a call needs (e.g. a flash sale's admission). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One call to /api; resolves the parsed JSON (or text for non-JSON), rejects with ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.orderToken) headers['X-Order-Token'] = options.orderToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body:
        options.body === undefined || form
          ? (options.body as FormData | undefined)
          : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'No connection to the server. Check the network and try again.');
  }
  const text = await response.text();
  const data = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!response.ok) {
    const body = data as Partial<ErrorBody>;
    throw new ApiError(
      response.status,
      (body.code ?? 'INTERNAL_ERROR') as ErrorCode,
      body.message ?? `The server answered ${response.status}`,
      body.details,
    );
  }
  return data as T;
}

/** A query string from named values; arrays repeat the name (sku=A&sku=B), empty values are left out. */
export function query(params: Record<string, string | number | string[] | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only on secure origins (https or localhost) and
 * tablets often reach a store server over plain http on the LAN, so this uses getRandomValues.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What to tell a person about a failed call, in words (INSUFFICIENT_STOCK lists what is short). */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'INSUFFICIENT_STOCK') {
    const lines = error.detailsOf('INSUFFICIENT_STOCK')?.lines ?? [];
    const short = lines.map((line) => `${line.sku}: ${line.available} left, ${line.requested} wanted`);
    return short.length ? `Not enough stock (${short.join('; ')})` : error.message;
  }
  if (error.code === 'VALIDATION_FAILED') {
    const fields = error.detailsOf('VALIDATION_FAILED')?.fields ?? [];
    if (fields.length) return fields.map((field) => `${field.field} ${field.errors.join(', ')}`).join('; ');
  }
  return error.message;
}
