import { createHash, randomBytes } from 'node:crypto';

/** A secret handed out once (ticket, admission); only its hash is stored. */
export function newSecret(): string {
  return randomBytes(18).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function normalisedEmail(email: string): string {
  return email.trim().toLowerCase();
}
