import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Verb heads the stage does not code in news prose (data/lexicons/events/suppressed-verbs.json):
 * head → the stable reason id that explains why.
 */
export type SuppressedVerbs = ReadonlyMap<string, string>;

export function compileSuppressedVerbs(raw: { verbs: Array<{ head: string; reason: string }> }): SuppressedVerbs {
  const out = new Map<string, string>();
  for (const v of raw.verbs) {
    if (out.has(v.head)) throw new Error(`suppressed-verbs: duplicate head ${v.head}`);
    out.set(v.head, v.reason);
  }
  return out;
}

export function loadSuppressedVerbs(dataDir: string): SuppressedVerbs {
  const file = path.join(dataDir, 'lexicons', 'events', 'suppressed-verbs.json');
  return compileSuppressedVerbs(JSON.parse(readFileSync(file, 'utf8')) as { verbs: Array<{ head: string; reason: string }> });
}
