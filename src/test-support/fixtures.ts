import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadResources, packageRoot } from '../analysis.js';
import type { Resources } from '../pipeline/context.js';

/** ../shared beside the checkout (gold data, seed article); absent on some machines. */
export const sharedDir = path.resolve(process.env.DOSSIER_SHARED ?? path.join(packageRoot(), '..', 'shared'));
export const seedPath = path.join(sharedDir, 'corpus', 'seed', 'iran-iraq-proxies.txt');

/** The seed article's text, or null when ../shared is not there (tests then skip). */
export function seedText(): string | null {
  return existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : null;
}

let cached: Promise<Resources> | null = null;
/** All stages' resources, loaded once per test process. */
export function testResources(): Promise<Resources> {
  cached ??= loadResources();
  return cached;
}
