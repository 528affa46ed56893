import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { AnalysisThread } from './analysis-thread.js';
import { type AppOptions, createApp } from './app.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';

export interface ServeOptions extends AppOptions {
  /** Default 127.0.0.1: only this machine can connect unless told otherwise. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:8787/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Start the Dossier app on a real socket (the CLI's `dossier serve`, the load
 * test). Analyses run on an `AnalysisThread` unless `resources` or `runJob`
 * say otherwise (or the sources run under tsx, where a worker cannot load them).
 */
export function startServer(options: ServeOptions): Promise<RunningServer> {
  const thread = options.runJob || options.resources || import.meta.url.endsWith('.ts') ? null : new AnalysisThread();
  const app = createApp(thread ? { ...options, runJob: thread.run } : options);
  const host = options.host ?? DEFAULT_HOST;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? DEFAULT_PORT }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' || host.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}/`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            void thread?.close();
            // Keep-alive sockets would hold close() open until they time out.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
