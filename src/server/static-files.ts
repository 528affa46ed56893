import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const UI_NOT_BUILT =
  'Dossier: the web UI is not built. Build it (npm run build) and restart `dossier serve`.\nThe JSON API answers under /api/ and is described at /openapi.json.\n';

/**
 * The built UI (Vite's `dist/ui`): files by path, confined to `uiDir` (no `..`,
 * no dotfiles); a client-side route (no file extension) gets index.html; a
 * missing asset is 404. Hashed assets under /assets/ are cached for a year,
 * index.html never (it names the current hashes).
 */
export function serveUi(uiDir: string) {
  const root = path.resolve(uiDir);
  return (c: Context<AppEnv>): Response => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text('bad path', 400);
    }
    const index = path.join(root, 'index.html');
    if (!existsSync(index)) return c.text(UI_NOT_BUILT, 200);
    const parts = rel.split('/').filter(Boolean);
    const unsafe = rel.includes('\0') || parts.some((p) => p === '..' || p.startsWith('.') || p.includes('\\'));
    const file = path.join(root, ...parts);
    if (!unsafe && parts.length > 0 && file.startsWith(root + path.sep) && isFile(file)) {
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const cache = parts[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
      return c.body(readFileSync(file), 200, { 'Content-Type': type, 'Cache-Control': cache });
    }
    if (unsafe || path.extname(parts[parts.length - 1] ?? '') !== '') return c.text('not found', 404);
    return c.body(readFileSync(index), 200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' });
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
