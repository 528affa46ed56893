import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorJson } from '../api-error.js';
import type { AppEnv } from '../app-env.js';

/** Refuse request bodies over `maxBytes` with 413, by Content-Length or while streaming (chunked). */
export function bodyCap(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => errorJson(c, 413, 'too-large', `request body over the cap of ${maxBytes} bytes`),
  });
}
