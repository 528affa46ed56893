import type { MiddlewareHandler } from 'hono';
import type { Store } from '../../store/store.js';
import { errorJson } from '../api-error.js';
import type { AppEnv } from '../app-env.js';
import { hashApiToken } from '../token-hash.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every write (any method but GET, HEAD, OPTIONS) needs `Authorization: Bearer
 * <token>` for a token made by `dossier token create`; the store holds only
 * SHA-256 hashes, so the lookup is by hash and a leaked store leaks no token.
 * Missing or unknown tokens get the same 401 (no hint which it was).
 */
export function requireToken(store: Store): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (READS.has(c.req.method)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const found = match ? await store.findApiToken(hashApiToken(match[1])) : null;
    if (!found) {
      return errorJson(c, 401, 'unauthorized', 'writes need Authorization: Bearer <token> (create one with `dossier token create`)', {
        'WWW-Authenticate': 'Bearer realm="dossier"',
      });
    }
    c.set('tokenName', found.name);
    return next();
  };
}
