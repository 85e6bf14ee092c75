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
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: UserView;
}
