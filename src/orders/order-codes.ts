import { createHash, createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { PICKUP_QR_PREFIX } from '@o2o/contracts';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PICKUP_CODE_LENGTH = 6;

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * Six characters of a 31-letter alphabet: ~887 million codes. With 5 tries before the order locks,
 * a guesser's chance is about 1 in 177 million per order.
 */
export function newPickupCode(): string {
  return randomCode(PICKUP_CODE_LENGTH);
}

/**
 * "O-7K3M-9Q2XA": readable on a receipt, 10 random characters (~49 bits), so numbers never collide
 * in practice and never reveal how many orders there are.
 */
export function newOrderNumber(): string {
  const code = randomCode(9);
  return `O-${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The guest's key to one order: 122 random bits (a v4 UUID, drawn from Node's pooled CSPRNG, which
 * is cheaper on the placement path than a fresh randomBytes call), shown once; only its hash is stored.
 */
export function newOrderToken(): string {
  return randomUUID().replace(/-/g, '');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The text in the customer's QR code, which a terminal scans instead of typing the code. */
export function pickupQrPayload(orderId: string, pickupCode: string): string {
  return `${PICKUP_QR_PREFIX}:${orderId}:${pickupCode}`;
}

/**
 * What the clerk entered: a typed code (any case, spaces or dashes) or a scanned QR payload, which
 * also names its order. Answers the normalised code and, for a scan, the order it belongs to.
 */
export function readPickupInput(input: string): { code: string; orderId?: string } {
  const trimmed = input.trim();
  const scan = /^pickup:([0-9a-fA-F-]{36}):(.+)$/i.exec(trimmed);
  const raw = scan ? scan[2] : trimmed;
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  return scan ? { code, orderId: scan[1].toLowerCase() } : { code };
}

/** Compares in constant time, so response timing does not reveal how much of a guess was right. */
export function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token in the links of an order's messages: it opens the order page like the order token (which
 * is shown once and not kept), derived from the order id with the server's secret.
 */
export function orderLinkToken(secret: string, orderId: string): string {
  return createHmac('sha256', secret).update(`order-link:${orderId}`).digest('hex').slice(0, 40);
}
