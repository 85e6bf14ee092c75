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

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard from a valid bearer token; undefined for anonymous callers. */
    user?: AuthUser;
  }
}

/**
 * What a request hands down to the units of work it starts, without passing it through every call:
 * only an idempotent write has anything to hand down, so only it runs inside a context. (On Node 20
 * a context costs every promise of the request; a read that entered one paid about a third more.)
 */
export interface RequestContext {
  beforeFirstCommit?: BeforeCommitHook;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  /** The hook is handed out once: only the request's first unit of work commits it. */
  takeBeforeFirstCommit(): BeforeCommitHook | undefined {
    const context = storage.getStore();
    const hook = context?.beforeFirstCommit;
    if (context) context.beforeFirstCommit = undefined;
    return hook;
  },
};
