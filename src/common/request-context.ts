import type { Role } from '@o2o/contracts';
import { ScopedStorage } from './scoped-storage';

/** Who is calling, as proven by their access token. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  locationIds: string[];
}

/** Called inside the request's first unit of work, just before it commits, with that unit's result. */
export type BeforeCommitHook = (em: import('typeorm').EntityManager, result: unknown) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard from a valid bearer token; undefined for anonymous callers. */
    user?: AuthUser;
  }
}

/**
 * What a request hands down to the units of work it starts, without passing it through every call:
 * only an idempotent write has anything to hand down, so only it runs inside a context (see
 * ScopedStorage for what a context costs on Node 20).
 */
export interface RequestContext {
  beforeFirstCommit?: BeforeCommitHook;
}

const storage = new ScopedStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, work: () => Promise<T>): Promise<T> {
    return storage.run(context, work);
  },
  /** The hook is handed out once: only the request's first unit of work commits it. */
  takeBeforeFirstCommit(): BeforeCommitHook | undefined {
    const context = storage.getStore();
    const hook = context?.beforeFirstCommit;
    if (context) context.beforeFirstCommit = undefined;
    return hook;
  },
};
