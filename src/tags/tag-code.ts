import { randomBytes } from 'node:crypto';

/** 16 bytes = 128 random bits: far beyond guessing, even at millions of scans a second. */
const CODE_BYTES = 16;
/** base64url of 16 bytes, without padding. */
const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** A new tag code from the operating system's CSPRNG, safe to put in a URL path as is. */
export function newTagCode(): string {
  return randomBytes(CODE_BYTES).toString('base64url');
}

/** Whether a string could be a code we handed out; anything else is answered like an unknown code. */
export function isTagCodeShaped(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** The URL printed in a tag's QR code: the scan page a phone opens. */
export function tagUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/s/${code}`;
}
