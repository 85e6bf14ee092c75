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

/** The one shape of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** `details` of VALIDATION_FAILED: one entry per offending field (dotted path). */
export interface ValidationDetails {
  fields: Array<{ field: string; errors: string[] }>;
}

/** `details` of INSUFFICIENT_STOCK. */
export interface InsufficientStockDetails {
  lines: Array<{ sku: string; requested: number; available: number }>;
}
