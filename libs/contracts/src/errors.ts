/** Every error code of the contract, with the HTTP status it is always answered with. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INSUFFICIENT_STOCK: 409,
  INVALID_TRANSITION: 409,
  STALE_QUANTITY: 409,
  RETURN_EXCEEDS_PURCHASED: 409,
  REFUND_EXCEEDS_CAPTURED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  SALE_NOT_STARTED: 409,
  SALE_ENDED: 409,
  SOLD_OUT: 409,
  LIMIT_PER_CUSTOMER: 409,
  ADMISSION_REQUIRED: 403,
  REQUEST_TIMEOUT: 408,
  RESYNC_REQUIRED: 410,
  /** An email verification link that was used already, has expired or was never issued. */
  VERIFICATION_LINK_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  PICKUP_CODE_INVALID: 422,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one shape of every error response; `details`, when present, has the shape its code names below. */
export type ErrorBody<C extends ErrorCode = ErrorCode> = {
  [K in C]: { statusCode: number; code: K; message: string; details?: ErrorDetails<K> };
}[C];

/** `details` of VALIDATION_FAILED: one entry per offending field (dotted path). */
export interface ValidationDetails {
  fields: Array<{ field: string; errors: string[] }>;
}

/** `details` of INSUFFICIENT_STOCK: every short line (and the location, when one was asked). */
export interface InsufficientStockDetails {
  locationId?: string;
  lines: Array<{ sku: string; requested: number; available: number }>;
}

/** `details` of NOT_FOUND: what was looked for, by the id or SKUs that are unknown. */
export type NotFoundDetails =
  | { id: string }
  | { orderId: string; sku?: string }
  | { productId: string }
  | { skus: string[] }
  | { locationId: string }
  | { locationIds: string[] }
  | { transferId: string }
  | { paymentId: string }
  | { provider: string }
  | { key: string }
  | { jobId: string };

/**
 * `details` of each error code (`never`: the code carries none). The server's AppError takes only the
 * shape its code names here, so a wrong details shape does not compile.
 */
export interface ErrorDetailsByCode {
  VALIDATION_FAILED: ValidationDetails;
  UNAUTHENTICATED: never;
  FORBIDDEN: { locationIds: string[] };
  NOT_FOUND: NotFoundDetails;
  INSUFFICIENT_STOCK: InsufficientStockDetails;
  INVALID_TRANSITION: { from: string; action: string };
  STALE_QUANTITY: { sku: string; expectedOnHand: number; onHand: number };
  RETURN_EXCEEDS_PURCHASED: { sku: string; requested: number; returnable: number; bought: number };
  REFUND_EXCEEDS_CAPTURED: { requested: number; refundable: number };
  IDEMPOTENCY_IN_PROGRESS: never;
  SALE_NOT_STARTED: never;
  SALE_ENDED: never;
  SOLD_OUT: { sku: string };
  LIMIT_PER_CUSTOMER: { sku: string; limit: number };
  ADMISSION_REQUIRED: never;
  REQUEST_TIMEOUT: never;
  RESYNC_REQUIRED: { locationId: string; afterSeq: number; lastSeq: number };
  VERIFICATION_LINK_INVALID: { reason: 'used' | 'expired' | 'unknown' };
  /** The byte limit, or the row limit of an import file. */
  PAYLOAD_TOO_LARGE: { maxBytes: number } | { maxRows: number };
  UNSUPPORTED_MEDIA_TYPE: { accepted: string[] };
  IDEMPOTENCY_KEY_REUSED: { key: string };
  PICKUP_CODE_INVALID: { attemptsLeft: number; locked: boolean };
  TOO_MANY_ATTEMPTS: { orderId: string; maxAttempts: number };
  RATE_LIMITED: never;
  HEADERS_TOO_LARGE: never;
  INTERNAL_ERROR: { requestId?: string };
  /** The health indicators' report of what is down. */
  SERVICE_UNAVAILABLE: Record<string, unknown>;
}

export type ErrorDetails<C extends ErrorCode> = ErrorDetailsByCode[C];
