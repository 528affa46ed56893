import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixtureAnalysis, fixtureRecord } from '../../store/fixture-analysis.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import type { Store } from '../../store/store.js';
import { exportStore } from './export-command.js';

// Written for this test; the emoji shifts UTF-16 offsets away from code points.
const SPEC = {
  text: '📰 Iran accused Israel of sabotage at Natanz, Tehran said on Sunday.',
  published: '2021-04-12',
  entities: [
    { id: 'iran', name: 'Iran', type: 'COUNTRY' as const, surfaces: ['Iran'] },
    { id: 'israel', name: 'Israel', type: 'COUNTRY' as const, surfaces: ['Israel'] },
  ],
  events: [{ source: 'iran', target: 'israel', cameo: '112', plover: 'ACCUSE', trigger: 'accused' }],
};

describe('dossier export', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-export-'));
  const store = new SqliteStore(path.join(dir, 'e.db'));
  before(async () => {
    await store.migrate();
    await store.putDocument(fixtureRecord(SPEC));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = async (format: Parameters<typeof exportStore>[1], table?: Parameters<typeof exportStore>[3]) => {
    let out = '';
    await exportStore(
      store,
      format,
      (c) => {
        out += c;
      },
      table,
    );
    return out;
  };

  it('writes one analysis per JSONL line, text included', async () => {
    const lines = (await run('jsonl')).trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.equal(JSON.parse(lines[0]).document.text, SPEC.text);
  });

  it('writes the aggregated graph as CSV, GEXF and GraphML', async () => {
    assert.match(await run('csv'), /\r\niran\|event:ACCUSE\|israel,iran,israel,event:ACCUSE,1,1,2021-04-12,2021-04-12,/);
    assert.match(await run('csv', 'entities'), /\r\niran,/);
    assert.match(await run('gexf'), /<edge [^>]*source="[^"]*" target="[^"]*"/);
    assert.match(await run('graphml'), /<edge /);
  });

  it('writes W3C annotations whose exact text matches the document', async () => {
    const annotations = (await run('w3c'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(annotations.length >= 3);
    for (const a of annotations) {
      const target = Array.isArray(a.target) ? a.target[0] : a.target;
      const quote = target.selector.find((s: { type: string }) => s.type === 'TextQuoteSelector');
      assert.ok(SPEC.text.includes(quote.exact), quote.exact);
    }
  });

  it('writes FollowTheMoney lines with schema, id and properties', async () => {
    for (const line of (await run('ftm')).trimEnd().split('\n')) {
      const e = JSON.parse(line);
      assert.equal(typeof e.id, 'string');
      assert.equal(typeof e.schema, 'string');
      assert.equal(typeof e.properties, 'object');
    }
  });

  it('streams per-document formats: the first document is written before the next is read', async () => {
    // A store of three analyses that counts how far the export has read it.
    let read = 0;
    const texts = ['Iran accused Israel.', 'Israel accused Iran.', 'Iran thanked Israel.'];
    const streaming = {
      async *analyses() {
        for (const text of texts) {
          read++;
          const analysis = fixtureAnalysis({ ...SPEC, text, events: [] });
          yield { document: analysis.document, analysis };
        }
      },
    } as unknown as Store;
    for (const [format, table] of [
      ['csv', 'mentions'],
      ['jsonl', undefined],
      ['w3c', undefined],
    ] as const) {
      read = 0;
      const readAtWrite: number[] = [];
      await exportStore(streaming, format, () => void readAtWrite.push(read), table);
      assert.equal(readAtWrite.at(-1), 3, `${format}: every document is exported`);
      assert.equal(
        readAtWrite.find((n) => n > 0),
        1,
        `${format}: the first document's lines come out before the second is read`,
      );
    }
  });
});
