import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error the API answers with `{ error: { code, message } }` and its HTTP
 * status; anything else thrown in a handler becomes a 500 `internal` error
 * without details (they go to the server's log, not to the client).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra response headers (Retry-After …). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorJson(c: Context, status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}): Response {
  const body: ErrorBody = { error: { code, message } };
  return c.json(body, status, headers);
}

export const notFound = (what: string) => new ApiError(404, 'not-found', `no ${what}`);
