import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { analyse, loadResources, packageRoot } from '../../analysis.js';
import { createDocument } from '../../document/document.js';
import type { Resources, Stage } from '../../pipeline/context.js';
import { STAGES } from '../../pipeline/stages.js';
import type { Analysis } from '../../schema/analysis.js';
import type { GraphExport } from '../types.js';

/**
 * A hand-built graph with every hazard the writers must survive: markup
 * characters, both quote kinds, emoji, C0 control characters (illegal in XML
 * 1.0), a lone surrogate, ids that are not XML names, parallel edges of
 * different types, a repeated edge id and an edge to a node that is missing.
 */
export function hazardGraph(): GraphExport {
  return {
    nodes: [
      { id: 'iran', label: 'Iran & "Tehran" <gov> \'s 😀', type: 'COUNTRY', kbId: 'iran', cameo: 'IRN', documents: 3, mentions: 12 },
      { id: 'org.irgc', label: 'IRGC\u0007\u0000 bell\uD800', type: 'ORGANIZATION', kbId: 'org.irgc', cameo: 'IRNMIL', documents: 2, mentions: 5 },
      { id: 'local:abu fadak', label: '=HYPERLINK("x") Abu Fadak', type: 'PERSON', kbId: null, cameo: null, documents: 1, mentions: 1 },
    ],
    edges: [
      edge('org.irgc', 'PROXY_OF', 'iran', { documents: 2, independentSources: 2, firstDate: '2020-10-01', lastDate: '2020-10-28', tone: -0.25 }),
      edge('org.irgc', 'SUPPORTS', 'iran', { documents: 1, independentSources: 1, tone: 0.5 }),
      edge('org.irgc', 'SUPPORTS', 'iran', { documents: 1, independentSources: 1 }),
      edge('local:abu fadak', 'event:ASSAULT', 'usa', { documents: 1, independentSources: 1, firstDate: '2020-W43', lastDate: '2020-W43' }),
    ],
  };
}

function edge(source: string, type: string, target: string, extra: Partial<GraphExport['edges'][number]>): GraphExport['edges'][number] {
  return {
    id: `${source}|${type}|${target}`,
    source,
    target,
    type,
    documents: 1,
    independentSources: 1,
    firstDate: null,
    lastDate: null,
    tone: null,
    evidence: [{ documentId: 'd1', start: 0, end: 4, text: 'Iran "proxy" & co', assertedBy: 'author', source: 'Example', date: '2020-10-28' }],
    ...extra,
  };
}

/** A self-written article (not from any corpus) with emoji before and inside the analysed text. */
export const EMOJI_ARTICLE = `Tehran 🇮🇷 backs militias in Iraq, officials say 😀

Iran's Supreme Leader Ali Khamenei said on Monday that "the resistance will not stop". Kataib Hezbollah, a proxy of the IRGC, attacked a US base near Baghdad last week, Iraqi officials said. The so-called regime mouthpiece Keyhan praised the strike. 🚀 Prime Minister Mustafa al-Kadhimi condemned the attack and vowed to protect foreign diplomats.`;

let cached: Promise<{ analysis: Analysis; skipped: string[] }> | undefined;

/**
 * The emoji article through the real pipeline. Stages whose resources do not
 * load yet (another extractor still landing its data) are left out together
 * with every later stage, since later stages may read their output; the names
 * are returned so a test can report them.
 */
export function pipelineAnalysis(): Promise<{ analysis: Analysis; skipped: string[] }> {
  cached ??= (async () => {
    const usable: Stage[] = [];
    let skipped: string[] = [];
    const res = {} as Resources;
    for (let i = 0; i < STAGES.length; i++) {
      try {
        Object.assign(res, await loadResources({}, [STAGES[i]]));
        usable.push(STAGES[i]);
      } catch {
        skipped = STAGES.slice(i).map((s) => s.name);
        break;
      }
    }
    const doc = createDocument(EMOJI_ARTICLE, {
      published: '2020-10-28',
      source: 'Example Times',
      url: 'https://example.org/tehran-militias',
      title: 'Tehran backs militias 😀',
    });
    return { analysis: analyse(doc, res, { stages: usable }), skipped };
  })();
  return cached;
}

export const SCHEMA_DIR = path.join(packageRoot(), 'data', 'schemas');

/** Whether `xmllint` (Debian libxml2-utils) is on the PATH. */
export function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Validate an XML document with xmllint against an XSD (`--schema`) or RELAX NG (`--relaxng`) file; no network. */
export function xmllint(xml: string, kind: 'schema' | 'relaxng', schemaFile: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', `--${kind}`, schemaFile, '-'], { input: xml, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
