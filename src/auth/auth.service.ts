import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import type { LoginResponse, Role, UserView } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { AuthUser } from '../common/request-context';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation, sql } from '../database/sql';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { hashPassword, verifyPassword } from './password';
import { EmailVerification, User } from './user.entity';

export interface NewUser {
  email: string;
  password: string;
  name?: string;
  role: Role;
  locationIds?: string[];
}

/** What staff management may change on an account; `accessVersion` is the version it was decided on. */
export interface AccessChange {
  name?: string;
  role?: Role;
  locationIds?: string[];
  active?: boolean;
}

interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  loc: string[];
  /** The account's accessVersion when the token was issued (absent in tokens from before it existed). */
  ver?: number;
}

/** How long a verification link works. */
export const VERIFICATION_TTL_HOURS = 48;

/** A link that proves an email address: the token goes in the mail, only its hash is kept. */
export interface VerificationLink {
  id: string;
  token: string;
  expiresAt: Date;
}

/** A hash to compare against when the account does not exist, so both paths cost the same. */
const UNKNOWN_USER_HASH = hashPassword(randomUUID());

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Ids of accounts whose access changed, once that change has committed (terminals close their sockets). */
  readonly accessChanged = new Subject<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await UNKNOWN_USER_HASH));
    if (!user || !valid) throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
    if (!user.active) throw deactivated();
    return this.issue(user);
  }

  /**
   * Creates a customer account and signs it in. `welcome` runs in the same unit of work (it queues the
   * verification email): the account and its mail exist together or not at all.
   */
  async register(
    input: { email: string; password: string; name: string },
    welcome: (tx: Tx, user: User) => Promise<void>,
  ): Promise<LoginResponse> {
    const user = await this.uow.run(async (tx) => {
      const created = await this.createUser({ ...input, role: 'customer', locationIds: [] });
      await welcome(tx, created);
      return created;
    });
    return this.issue(user);
  }

  /** A new verification link for the account's email, in the caller's unit of work. */
  async startEmailVerification(tx: Tx, user: Pick<User, 'id' | 'email'>): Promise<VerificationLink> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const link = {
      id: randomUUID(),
      token,
      expiresAt: new Date(now.getTime() + VERIFICATION_TTL_HOURS * 3600_000),
    };
    await tx.em.insert(EmailVerification, {
      id: link.id,
      userId: user.id,
      email: user.email,
      tokenHash: hashToken(token),
      expiresAt: link.expiresAt,
      usedAt: null,
      createdAt: now,
    });
    return link;
  }

  /**
   * Spends a verification link (once: a conditional UPDATE, so two clicks at once verify once) and
   * marks the account's email verified. A used, expired or unknown link is refused, saying which.
   */
  async verifyEmail(token: string): Promise<UserView> {
    const tokenHash = hashToken(token);
    const now = this.clock.now().toISOString();
    return this.uow.run(async ({ em }) => {
      const { affected } = await sql(
        em,
        `UPDATE email_verifications SET used_at = :now
          WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now`,
        { tokenHash, now },
      );
      const link = await em.findOneBy(EmailVerification, { tokenHash });
      if (!affected || !link) throw linkRefused(link);
      // The link proves the address it was sent to: it verifies nothing if the account's email differs.
      await sql(
        em,
        `UPDATE users SET email_verified_at = COALESCE(email_verified_at, :now)
          WHERE id = :userId AND email = :email`,
        { now, userId: link.userId, email: link.email },
      );
      const user = await em.findOneBy(User, { id: link.userId });
      if (!user) throw linkRefused(null);
      return toUserView(user);
    });
  }

  /** The account's email once it is verified (its guest orders are then the account's); else null. */
  async verifiedEmailOf(userId: string): Promise<string | null> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    return user?.emailVerifiedAt ? user.email : null;
  }

  /**
   * Creates a user, trusting the caller for the role and the locations (which staff management checks);
   * joins the caller's unit of work if one is running.
   */
  async createUser(input: NewUser): Promise<User> {
    const locationIds = [...new Set(input.locationIds ?? [])];
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    return this.uow
      .run(async ({ em }) => {
        if (await em.existsBy(User, { email })) throw emailTaken();
        const user = em.create(User, {
          id: randomUUID(),
          email,
          name: input.name?.trim() || email,
          passwordHash,
          role: input.role,
          locationIds: input.role === 'customer' || input.role === 'admin' ? [] : locationIds,
          active: true,
          accessVersion: 0,
          emailVerifiedAt: null,
          createdAt: new Date(),
        });
        await em.insert(User, user);
        return user;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken() : error;
      });
  }

  /** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when there is no admin yet. */
  async ensureAdmin(): Promise<void> {
    const exists = await this.dataSource.getRepository(User).existsBy({ role: 'admin' });
    if (exists) return;
    const { email, password } = this.config.admin;
    try {
      await this.createUser({ email, password, name: 'Administrator', role: 'admin' });
      this.logger.log(`Created the first admin account ${email}`);
    } catch (error) {
      // Instances starting together on a new database race to create it: losing that race is fine.
      if (!(await this.dataSource.getRepository(User).existsBy({ role: 'admin' }))) throw error;
    }
  }

  async me(user: AuthUser): Promise<UserView> {
    const found = await this.dataSource.getRepository(User).findOneBy({ id: user.id });
    if (!found) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    return toUserView(found);
  }

  /** Verifies "Bearer <token>"; any flaw (forged, expired, malformed) is UNAUTHENTICATED. */
  async verifyBearer(header: string): Promise<AuthUser> {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <accessToken>"');
    }
    return this.verifyToken(token);
  }

  async verifyToken(token: string): Promise<AuthUser & { expiresAt: number }> {
    const claims = await this.jwt
      .verifyAsync<TokenClaims & { exp: number }>(token, { algorithms: ['HS256'] })
      .catch(() => {
        throw new AppError('UNAUTHENTICATED', 'The access token is invalid or has expired');
      });
    await this.assertCurrent(claims);
    return {
      id: claims.sub,
      email: claims.email,
      role: claims.role,
      locationIds: claims.loc,
      expiresAt: claims.exp * 1000,
    };
  }

  /** The account in the caller's unit of work, locked against a concurrent change on PostgreSQL. */
  async lockAccount(id: string): Promise<User> {
    return this.uow.run(async ({ em, dialect }) => {
      const user = await em.findOne(User, {
        where: { id },
        ...(dialect === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!user) throw AppError.notFound('User', { id });
      return user;
    });
  }

  /**
   * Changes an account in the caller's unit of work. A change of role, locations or active bumps its
   * accessVersion, so every token issued before it is refused from the commit on, on every instance.
   */
  async changeAccess(user: User, change: AccessChange): Promise<User> {
    const next = { ...user, ...definedOnly(change) };
    const revokes =
      next.role !== user.role ||
      next.active !== user.active ||
      [...next.locationIds].sort().join() !== [...user.locationIds].sort().join();
    return this.uow.run(async (tx) => {
      await tx.em.update(
        User,
        { id: user.id },
        {
          name: next.name,
          role: next.role,
          locationIds: next.locationIds,
          active: next.active,
          ...(revokes ? { accessVersion: () => 'access_version + 1' } : {}),
        },
      );
      if (revokes) tx.afterCommit(() => this.accessChanged.next(user.id));
      return { ...next, accessVersion: user.accessVersion + (revokes ? 1 : 0) };
    });
  }

  /** Every staff account (admins, managers, clerks), by email. Staff lists are short. */
  staff(): Promise<User[]> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where("u.role <> 'customer'")
      .orderBy('u.email', 'ASC')
      .getMany();
  }

  /**
   * A token holds only while its account is active and unchanged since it was issued. Read outside a
   * unit: on SQLite it may see a change not yet committed, which at worst refuses a token a moment early.
   */
  private async assertCurrent(claims: TokenClaims): Promise<void> {
    const { rows } = await sql<{ active: boolean | number; access_version: number }>(
      this.dataSource.manager,
      'SELECT active, access_version FROM users WHERE id = :id',
      { id: claims.sub },
    );
    const account = rows[0];
    if (!account || !account.active) throw deactivated();
    if (Number(account.access_version) !== (claims.ver ?? 0)) {
      throw new AppError('UNAUTHENTICATED', 'Your access has changed: sign in again');
    }
  }

  private async issue(user: User): Promise<LoginResponse> {
    const claims: TokenClaims = {
      sub: user.id,
      email: user.email,
      role: user.role,
      loc: user.locationIds,
      ver: user.accessVersion,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.jwtTtlSeconds,
      algorithm: 'HS256',
    });
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000).toISOString();
    return { accessToken, expiresAt, user: toUserView(user) };
  }
}

function deactivated(): AppError {
  return new AppError('UNAUTHENTICATED', 'This account has been deactivated: ask your manager');
}

function definedOnly<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function linkRefused(link: EmailVerification | null): AppError {
  const [reason, why]: ['used' | 'expired' | 'unknown', string] = !link
    ? ['unknown', 'This verification link is not valid: ask for a new one']
    : link.usedAt
      ? ['used', 'This verification link has been used already: sign in, or ask for a new link']
      : ['expired', 'This verification link has expired: ask for a new one'];
  return new AppError('VERIFICATION_LINK_INVALID', why, { reason });
}

function emailTaken(): AppError {
  return new AppError('VALIDATION_FAILED', 'An account with this email exists already', {
    fields: [{ field: 'email', errors: ['is taken'] }],
  });
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locationIds: user.locationIds,
    active: user.active,
    ...(user.role === 'customer' ? { emailVerified: !!user.emailVerifiedAt } : {}),
  };
}
