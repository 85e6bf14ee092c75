import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../libs/contracts/src';

/** Who is calling, as proven by their access token. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  locationIds: string[];
}

/** Called inside the request's first unit of work, just before it commits, with that unit's result. */
export type BeforeCommitHook = (em: import('typeorm').EntityManager, result: unknown) => Promise<void>;

export interface RequestContext {
  requestId: string;
  user?: AuthUser;
  beforeFirstCommit?: BeforeCommitHook;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  /** The hook is handed out once: only the request's first unit of work commits it. */
  takeBeforeFirstCommit(): BeforeCommitHook | undefined {
    const context = storage.getStore();
    const hook = context?.beforeFirstCommit;
    if (context) context.beforeFirstCommit = undefined;
    return hook;
  },
};
