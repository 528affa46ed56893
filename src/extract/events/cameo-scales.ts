import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * CAMEO code → PLOVER category and Goldstein weight, both by longest matching
 * code prefix, from data/lexicons/events/*.json.
 */
export interface CameoScales {
  plover(code: string): string | null;
  goldstein(code: string): number | null;
}

function longestPrefix<T>(table: ReadonlyMap<string, T>, code: string): T | undefined {
  const digits = code.replace(/[^0-9]/g, '');
  for (let n = digits.length; n >= 2; n--) {
    const hit = table.get(digits.slice(0, n));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function createCameoScales(plover: Record<string, string | null>, goldstein: Record<string, number>): CameoScales {
  const p = new Map(Object.entries(plover));
  const g = new Map(Object.entries(goldstein));
  return {
    plover: (code) => longestPrefix(p, code) ?? null,
    goldstein: (code) => longestPrefix(g, code) ?? null,
  };
}

export function loadCameoScales(dataDir: string): CameoScales {
  const dir = path.join(dataDir, 'lexicons', 'events');
  const plover = JSON.parse(readFileSync(path.join(dir, 'cameo-plover.json'), 'utf8')) as { map: Record<string, string | null> };
  const goldstein = JSON.parse(readFileSync(path.join(dir, 'goldstein.json'), 'utf8')) as { weights: Record<string, number> };
  return createCameoScales(plover.map, goldstein.weights);
}
