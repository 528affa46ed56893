import type { IncomingMessage } from 'node:http';

/** Hono's environment for the Dossier app: node-server's bindings and what middleware hands to routes. */
export interface AppEnv {
  /** Set by @hono/node-server; absent when tests call `app.request` in-process. */
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    /** Name of the API token that authorised this write. */
    tokenName: string;
  };
}
