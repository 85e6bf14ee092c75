import { isUUID } from 'class-validator';
import { JoinRequest, ResumeRequest, TerminalHandshake, WATCH_MAX_SKUS, WatchRequest } from '@o2o/contracts';
import { SKU_PATTERN } from '../catalog/catalog.dto';
import { AppError } from '../common/app-error';

/**
 * Socket messages get no ValidationPipe: these parse them as strictly as the HTTP DTOs do (unknown
 * fields refused, each bad field listed in details.fields), throwing VALIDATION_FAILED.
 */
type Fields = Array<{ field: string; errors: string[] }>;

const MAX_SEQ = 2 ** 31 - 1;
const MAX_LOCATIONS = 500;

export function parseHandshake(auth: unknown): TerminalHandshake {
  const token = (auth as { token?: unknown } | null | undefined)?.token;
  if (typeof token !== 'string' || !token) {
    throw new AppError('UNAUTHENTICATED', 'Connect with a staff access token: auth: { token }');
  }
  const body = objectOf(auth, ['token', 'locationIds']);
  const fields: Fields = [];
  const locationIds = body.locationIds === undefined ? undefined : uuidList(body.locationIds, fields);
  refuseIfAny(fields);
  return { token, ...(locationIds ? { locationIds } : {}) };
}

export function parseResume(input: unknown): ResumeRequest {
  const body = objectOf(input, ['locationId', 'afterSeq']);
  const fields: Fields = [];
  checkLocationId(body.locationId, fields);
  const afterSeq = body.afterSeq;
  if (typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0 || afterSeq > MAX_SEQ) {
    fields.push({ field: 'afterSeq', errors: ['must be a whole number, 0 or more'] });
  }
  refuseIfAny(fields);
  return { locationId: body.locationId as string, afterSeq: afterSeq as number };
}

export function parseJoin(input: unknown): JoinRequest {
  const body = objectOf(input, ['locationId']);
  const fields: Fields = [];
  checkLocationId(body.locationId, fields);
  refuseIfAny(fields);
  return { locationId: body.locationId as string };
}

export function parseWatch(input: unknown): WatchRequest {
  const body = objectOf(input, ['skus']);
  const skus = body.skus;
  const valid =
    Array.isArray(skus) &&
    skus.length >= 1 &&
    skus.length <= WATCH_MAX_SKUS &&
    skus.every((sku) => typeof sku === 'string' && SKU_PATTERN.test(sku));
  if (!valid) {
    throw AppError.invalid('skus', `must be a list of 1 to ${WATCH_MAX_SKUS} SKUs`);
  }
  return { skus: [...new Set(skus as string[])] };
}

function objectOf(input: unknown, allowed: string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError('VALIDATION_FAILED', 'The message must be an object', {
      fields: [{ field: 'body', errors: ['must be an object'] }],
    });
  }
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key));
  refuseIfAny(unknown.map((field) => ({ field, errors: ['is not a known field'] })));
  return input as Record<string, unknown>;
}

function checkLocationId(value: unknown, fields: Fields): void {
  if (typeof value !== 'string' || !isUUID(value)) {
    fields.push({ field: 'locationId', errors: ['must be a location id (UUID)'] });
  }
}

function uuidList(value: unknown, fields: Fields): string[] | undefined {
  const valid =
    Array.isArray(value) &&
    value.length <= MAX_LOCATIONS &&
    value.every((id) => typeof id === 'string' && isUUID(id));
  if (!valid) {
    fields.push({
      field: 'locationIds',
      errors: [`must be a list of at most ${MAX_LOCATIONS} location ids`],
    });
    return undefined;
  }
  return [...new Set(value as string[])];
}

function refuseIfAny(fields: Fields): void {
  if (!fields.length) return;
  const first = fields[0];
  throw new AppError('VALIDATION_FAILED', `${first.field}: ${first.errors[0]}`, { fields });
}
