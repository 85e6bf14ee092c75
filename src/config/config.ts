import { isIP } from 'node:net';

/**
 * Configuration is read from the environment once, validated, and then used typed everywhere.
 * A bad value throws ConfigError naming the variable; main.ts prints that one line and exits.
 */
export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export interface AppConfig {
  production: boolean;
  port: number;
  /** The interface to listen on; undefined: every interface. */
  host: string | undefined;
  database: DatabaseConfig;
  redisUrl: string | null;
  jwtSecret: string;
  jwtTtlSeconds: number;
  publicBaseUrl: string;
  seedDemo: boolean;
  admin: { email: string; password: string };
  eventRetentionHours: number;
  sweepIntervalSeconds: number;
  /** Flash sales: how long a checkout hold lasts, admissions per second, how long an admission lasts. */
  flash: { holdMinutes: number; admitPerSecond: number; admissionSeconds: number; ticketRateLimit: number };
  /**
   * Which proxies to believe X-Forwarded-For from: `true` (all), a hop count, or addresses/subnets
   * (`loopback`, `10.0.0.0/8`, comma-separated). Off by default.
   */
  trustProxy: boolean | number | string;
  logLevel: string;
  scanRateLimit: number;
  loginRateLimit: number;
  /** Whether managers may change prices (admins always may). */
  managersEditPrices: boolean;
  /** The retailer's name, shown in messages and pages. */
  retailerName: string;
  /** Where uploaded product images (originals and their resized WebP copies) are kept. */
  mediaDir: string;
  messages: MessagesConfig;
  payments: PaymentsConfig;
  shipping: ShippingConfig;
}

/** What shipping an order costs and how long it takes (one set of terms for every shipping location). */
export interface ShippingConfig {
  /** The fee in minor units of the shop's currency. */
  feeAmount: number;
  /** Orders whose lines come to at least this ship free; null: never free. */
  freeFromAmount: number | null;
  /** Orders placed before this local time (HH:mm) of the shipping location leave that business day. */
  cutoff: string;
  /** Business days a parcel is on its way: [fastest, slowest]. */
  transitDays: [number, number];
}

export interface PaymentsConfig {
  /** `test` (built in, the default outside production) or `stripe`. */
  provider: 'test' | 'stripe';
  /** How long an unpaid online order holds its stock. */
  holdMinutes: number;
  /** The HMAC key the test provider signs its webhooks with. */
  testWebhookSecret: string;
  stripe: { secretKey: string; webhookSecret: string } | null;
}

export interface MessagesConfig {
  /** smtp:// or smtps:// URL of the mail server; null: the mailbox inside the app (never in production). */
  smtpUrl: string | null;
  from: string;
  /** Where SMS messages are POSTed as JSON; null: no SMS. */
  smsWebhookUrl: string | null;
  /** How often the sender looks for due messages. */
  pollMs: number;
  /** The wait before the first retry while the mail server is away; it doubles up to 64 times this. */
  retrySeconds: number;
}

export class ConfigError extends Error {}

const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production';
/** The first admin's password outside production when ADMIN_PASSWORD is not set: public, so printable. */
export const DEV_ADMIN_PASSWORD = 'admin';

type Env = Record<string, string | undefined>;

export const DEFAULT_RETAILER_NAME = 'Grachten Goods';

export function loadConfig(env: Env = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const port = int(env, 'PORT', 3000, 0, 65535);
  const config: AppConfig = {
    production,
    port,
    host: env.HOST || undefined,
    database: database(env.DATABASE_URL ?? 'sqlite:./data/o2o.sqlite'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    jwtSecret: jwtSecret(env, production),
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 12 * 3600, 1, 30 * 24 * 3600),
    publicBaseUrl: (url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(
      /\/+$/,
      '',
    ),
    seedDemo: bool(env, 'SEED_DEMO', !production),
    managersEditPrices: bool(env, 'MANAGERS_EDIT_PRICES', false),
    admin: admin(env, production),
    eventRetentionHours: int(env, 'EVENT_RETENTION_HOURS', 72, 1, 24 * 365),
    sweepIntervalSeconds: int(env, 'SWEEP_INTERVAL_SECONDS', 30, 1, 3600),
    flash: {
      holdMinutes: int(env, 'FLASH_HOLD_MINUTES', 5, 1, 24 * 60),
      admitPerSecond: int(env, 'FLASH_ADMIT_PER_SECOND', 200, 1, 100_000),
      admissionSeconds: int(env, 'FLASH_ADMISSION_SECONDS', 120, 5, 3600),
      ticketRateLimit: int(env, 'FLASH_TICKET_RATE_LIMIT', 30, 1, 1_000_000),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    scanRateLimit: int(env, 'SCAN_RATE_LIMIT', 120, 1, 1_000_000),
    loginRateLimit: int(env, 'LOGIN_RATE_LIMIT', 10, 1, 1_000_000),
    retailerName: env.RETAILER_NAME?.trim() || DEFAULT_RETAILER_NAME,
    mediaDir: env.MEDIA_DIR?.trim() || './data/media',
    messages: messages(env),
    payments: payments(env, production),
    shipping: shipping(env),
  };
  return config;
}

function payments(env: Env, production: boolean): PaymentsConfig {
  const provider = oneOf(env, 'PAYMENT_PROVIDER', ['test', 'stripe'], production ? 'stripe' : 'test');
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim();
  if (provider === 'stripe' && (!secretKey || !webhookSecret)) {
    fail('STRIPE_SECRET_KEY', 'and STRIPE_WEBHOOK_SECRET are required when PAYMENT_PROVIDER=stripe');
  }
  return {
    provider,
    holdMinutes: int(env, 'PAYMENT_HOLD_MINUTES', 15, 1, 7 * 24 * 60),
    testWebhookSecret: env.PAYMENT_TEST_SECRET?.trim() || `test-payments:${jwtSecret(env, production)}`,
    stripe: secretKey && webhookSecret ? { secretKey, webhookSecret } : null,
  };
}

function shipping(env: Env): ShippingConfig {
  const cutoff = env.SHIP_CUTOFF?.trim() || '15:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff))
    fail('SHIP_CUTOFF', 'must be a time of day like 15:00', cutoff);
  const days = env.SHIP_DAYS?.trim() || '1-2';
  const range = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(days);
  const transitDays = range ? [Number(range[1]), Number(range[2] ?? range[1])] : null;
  if (!transitDays || transitDays[0] > transitDays[1]) {
    fail('SHIP_DAYS', 'must be business days like 2 or 1-3', days);
  }
  const freeFrom = int(env, 'SHIP_FREE_FROM', 5000, 0, 100_000_000);
  return {
    feeAmount: int(env, 'SHIP_FEE', 495, 0, 1_000_000),
    freeFromAmount: freeFrom === 0 ? null : freeFrom,
    cutoff,
    transitDays: transitDays as [number, number],
  };
}

function fail(name: string, why: string, value?: string): never {
  throw new ConfigError(
    `${name} ${why}${value === undefined ? '' : ` (got "${withoutCredentials(value)}")`}`,
  );
}

/** Connection URLs carry passwords: a refused one is printed with its user info masked. */
function withoutCredentials(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/, '//***@');
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    fail(name, `must be a whole number from ${min} to ${max}`, raw);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  return fail(name, 'must be true or false', env[name]);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) fail(name, `must be one of ${allowed.join(', ')}`, raw);
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return fail(name, 'must be a URL', raw);
  }
  if (!protocols.includes(parsed.protocol)) fail(name, `must start with ${protocols.join(' or ')}//`, raw);
  return raw;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  if (!entries.every((entry) => PROXY_NAMES.has(entry) || isAddressOrSubnet(entry))) {
    fail('TRUST_PROXY', 'must be true, a hop count, or addresses and subnets (loopback, 10.0.0.0/8, …)', raw);
  }
  return entries.join(',');
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

function database(raw: string): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) fail('DATABASE_URL', 'must name a file after sqlite:', raw);
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) return { type: 'postgres', url: raw };
  return fail('DATABASE_URL', 'must be sqlite:<file> or postgres://…', raw);
}

function jwtSecret(env: Env, production: boolean): string {
  const secret = env.JWT_SECRET;
  if (secret) {
    if (secret.length < 32) fail('JWT_SECRET', 'must be at least 32 characters');
    return secret;
  }
  if (production) fail('JWT_SECRET', 'is required when NODE_ENV=production');
  return DEV_JWT_SECRET;
}

function admin(env: Env, production: boolean): AppConfig['admin'] {
  const email = env.ADMIN_EMAIL || (production ? undefined : 'admin@example.com');
  const password = env.ADMIN_PASSWORD || (production ? undefined : DEV_ADMIN_PASSWORD);
  if (!email) fail('ADMIN_EMAIL', 'is required when NODE_ENV=production');
  if (!password) fail('ADMIN_PASSWORD', 'is required when NODE_ENV=production');
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) fail('ADMIN_EMAIL', 'must be an email address', email);
  if (production && password.length < 12)
    fail('ADMIN_PASSWORD', 'must be at least 12 characters in production');
  return { email: email.toLowerCase(), password };
}

function messages(env: Env): MessagesConfig {
  const from =
    env.MAIL_FROM?.trim() || `"${env.RETAILER_NAME?.trim() || DEFAULT_RETAILER_NAME}" <no-reply@localhost>`;
  if (!/<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/.test(from)) {
    fail('MAIL_FROM', 'must be an email address, optionally as "Name" <address>', from);
  }
  return {
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    from,
    smsWebhookUrl: url(env, 'SMS_WEBHOOK_URL', ['http:', 'https:']),
    pollMs: int(env, 'MESSAGE_POLL_MS', 1000, 10, 600_000),
    retrySeconds: int(env, 'MESSAGE_RETRY_SECONDS', 30, 1, 3600),
  };
}
