/** Money in integer minor units of an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** A page of a cursor-paginated list. `next` is the cursor for `after`, null on the last page. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export const STAFF_ROLES = ['admin', 'manager', 'clerk'] as const;
export const ROLES = [...STAFF_ROLES, 'customer'] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  locationIds: string[];
  /** False once deactivated: the account can no longer sign in, and its tokens are refused. */
  active: boolean;
  /** Customers: whether they proved the email is theirs (then their guest orders with it are theirs too). */
  emailVerified?: boolean;
}

/** PATCH /api/users/:id. A change of role, locations or active refuses every token issued before it. */
export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  locationIds?: string[];
  active?: boolean;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: UserView;
}

/** What the audit trail records changes of. */
export const AUDIT_ENTITIES = ['price', 'product', 'location', 'user', 'stock'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** GET /api/audit: one change made by a person. `changes` maps a field to [before, after]. */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: { id: string; email: string };
  entity: AuditEntity;
  entityId: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
}

/** POST /api/auth/login. */
export interface LoginRequest {
  email: string;
  password: string;
}

/** POST /api/auth/register (customers). */
export interface RegisterRequest extends LoginRequest {
  name: string;
  /** The language of the verification email (default `en`). */
  locale?: 'nl' | 'en';
}

/** POST /api/auth/verify-email: the token from the link in the verification email. */
export interface VerifyEmailRequest {
  token: string;
}

/** POST /api/auth/verify-email/resend (a signed-in customer). */
export interface ResendVerificationRequest {
  locale?: 'nl' | 'en';
}

/** POST /api/users (admins; managers for their stores' clerks). */
export interface CreateUserRequest extends RegisterRequest {
  role: Role;
  locationIds?: string[];
}
