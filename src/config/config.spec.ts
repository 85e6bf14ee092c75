import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults outside production', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      database: { type: 'sqlite', path: './data/o2o.sqlite' },
      seedDemo: true,
      admin: { email: 'admin@example.com', password: 'admin' },
      publicBaseUrl: 'http://localhost:3000',
      redisUrl: null,
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/shop',
      REDIS_URL: 'redis://cache:6379',
      PUBLIC_BASE_URL: 'https://shop.example.com/',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'Boss@Example.com',
      ADMIN_PASSWORD: 'pw',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { type: 'postgres', url: 'postgres://u@db:5432/shop' },
      redisUrl: 'redis://cache:6379',
      publicBaseUrl: 'https://shop.example.com',
      seedDemo: false,
      admin: { email: 'boss@example.com', password: 'pw' },
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback, 10.0.0.0/8,::1', 'loopback,10.0.0.0/8,::1'],
  ])('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('reads the shipping terms: €4.95, free from €50, out by 15:00, 1-2 business days by default', () => {
    expect(loadConfig({}).shipping).toEqual({
      feeAmount: 495,
      freeFromAmount: 5000,
      cutoff: '15:00',
      transitDays: [1, 2],
    });
    expect(
      loadConfig({ SHIP_FEE: '695', SHIP_FREE_FROM: '0', SHIP_CUTOFF: '12:30', SHIP_DAYS: '3' }).shipping,
    ).toEqual({ feeAmount: 695, freeFromAmount: null, cutoff: '12:30', transitDays: [3, 3] });
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be sqlite:<file> or postgres/],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL must start with redis:/],
    [{ TRUST_PROXY: 'yes' }, /^TRUST_PROXY must be true, a hop count, or addresses/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /^TRUST_PROXY must be true/],
    [{ SEED_DEMO: 'maybe' }, /^SEED_DEMO must be true or false/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /^PUBLIC_BASE_URL must be a URL/],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET must be at least 32 characters/],
    [{ NODE_ENV: 'production' }, /^JWT_SECRET is required when NODE_ENV=production/],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, /^ADMIN_EMAIL is required/],
    [{ SMTP_URL: 'http://mail:25' }, /^SMTP_URL must start with smtp: or smtps:/],
    [{ MAIL_FROM: 'not an address' }, /^MAIL_FROM must be an email address/],
    [{ SMS_WEBHOOK_URL: 'ftp://x' }, /^SMS_WEBHOOK_URL must start with http: or https:/],
    [{ MESSAGE_RETRY_SECONDS: '0' }, /^MESSAGE_RETRY_SECONDS must be a whole number/],
    [{ SHIP_FEE: '4.95' }, /^SHIP_FEE must be a whole number/],
    [{ SHIP_CUTOFF: '3pm' }, /^SHIP_CUTOFF must be a time of day/],
    [{ SHIP_DAYS: '3-1' }, /^SHIP_DAYS must be business days/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the messages settings, with the mailbox (no SMTP_URL) and the demo retailer by default', () => {
    expect(loadConfig({}).messages).toMatchObject({ smtpUrl: null, smsWebhookUrl: null, retrySeconds: 30 });
    expect(loadConfig({}).retailerName).toBe('Grachten Goods');
    const config = loadConfig({
      SMTP_URL: 'smtps://user:pw@mail.example.com:465',
      MAIL_FROM: '"Shop" <orders@shop.example>',
      RETAILER_NAME: 'Shop',
      SMS_WEBHOOK_URL: 'https://sms.example/send',
    });
    expect(config.messages).toMatchObject({
      smtpUrl: 'smtps://user:pw@mail.example.com:465',
      from: '"Shop" <orders@shop.example>',
      smsWebhookUrl: 'https://sms.example/send',
    });
    expect(config.retailerName).toBe('Shop');
  });

  it('never prints the password of a refused connection URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://shop:s3cret@db/shop' })).toThrow(
      'DATABASE_URL must be sqlite:<file> or postgres://… (got "mysql://***@db/shop")',
    );
    expect(() => loadConfig({ REDIS_URL: 'http://:s3cret@cache:6379' })).toThrow(
      '(got "http://***@cache:6379")',
    );
  });
});
