import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An admission: the ticket id and its expiry, signed. The signature only saves a database read for a
 * forged one; the order's unit spends it by a conditional UPDATE of the ticket row, which decides.
 */
export function signAdmission(secret: string, ticketId: string, until: Date): string {
  const body = `${ticketId}.${until.getTime()}`;
  return `${body}.${mac(secret, body)}`;
}

/** The ticket id an admission is for, or null if it is not one this server signed. */
export function admissionTicketId(secret: string, admission: string): string | null {
  const parts = admission.split('.');
  if (parts.length !== 3) return null;
  const expected = Buffer.from(mac(secret, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return parts[0];
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', `flash-admission:${secret}`).update(body).digest('base64url');
}
