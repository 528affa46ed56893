import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { edgesCsv, entitiesCsv, mentionsCsv, toCsv } from './csv.js';
import { toJsonl } from './jsonl.js';
import { hazardGraph, pipelineAnalysis } from './test-fixtures.js';

/** A small RFC 4180 reader, to check that what we write reads back to the same cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('toCsv', () => {
  const cols = [
    { header: 'name', value: (r: { name: string; n?: number | null }) => r.name },
    { header: 'n', value: (r: { name: string; n?: number | null }) => r.n },
  ];

  test('quotes per RFC 4180 and ends records with CRLF', () => {
    const out = [
      ...toCsv(
        [
          { name: 'a,b', n: 1 },
          { name: 'say "hi"\nthere', n: null },
          { name: 'plain', n: -0.25 },
        ],
        cols,
      ),
    ];
    assert.deepEqual(out, ['name,n\r\n', '"a,b",1\r\n', '"say ""hi""\nthere",\r\n', 'plain,-0.25\r\n']);
    assert.deepEqual(readCsv(out.join('')), [
      ['name', 'n'],
      ['a,b', '1'],
      ['say "hi"\nthere', ''],
      ['plain', '-0.25'],
    ]);
  });

  test('guards text cells that a spreadsheet would run as a formula', () => {
    const out = [
      ...toCsv(
        ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', 'ok=1', '=HYPERLINK("x")'].map((name) => ({ name })),
        cols,
      ),
    ].slice(1);
    assert.deepEqual(out, ["'=1+1,\r\n", "'+SUM(A1),\r\n", "'-2,\r\n", "'@cmd,\r\n", "'\tx,\r\n", 'ok=1,\r\n', '"\'=HYPERLINK(""x"")",\r\n']);
  });
});

describe('graph and mention tables', () => {
  test('entitiesCsv and edgesCsv have one row per node and edge', () => {
    const g = hazardGraph();
    const nodes = readCsv([...entitiesCsv(g)].join(''));
    assert.deepEqual(nodes[0], ['id', 'label', 'type', 'kbId', 'cameo', 'documents', 'mentions']);
    assert.equal(nodes.length, g.nodes.length + 1);
    assert.deepEqual(nodes[1], ['iran', 'Iran & "Tehran" <gov> \'s 😀', 'COUNTRY', 'iran', 'IRN', '3', '12']);
    assert.equal(nodes[3][1], '\'=HYPERLINK("x") Abu Fadak');
    const edges = readCsv([...edgesCsv(g)].join(''));
    assert.equal(edges.length, g.edges.length + 1);
    assert.deepEqual(edges[1], ['org.irgc|PROXY_OF|iran', 'org.irgc', 'iran', 'PROXY_OF', '2', '2', '2020-10-01', '2020-10-28', '-0.25', '1']);
  });

  test('mentionsCsv lists every mention with UTF-16 offsets that slice the text', async () => {
    const { analysis } = await pipelineAnalysis();
    let csv = '';
    for await (const chunk of mentionsCsv([analysis])) csv += chunk;
    const rows = readCsv(csv);
    const header = rows[0];
    assert.deepEqual(header, ['documentId', 'entityId', 'kbId', 'entityName', 'entityType', 'kind', 'start', 'end', 'text']);
    assert.equal(
      rows.length - 1,
      analysis.entities.reduce((n, e) => n + e.mentions.length, 0),
    );
    for (const r of rows.slice(1)) assert.equal(analysis.document.text.slice(Number(r[6]), Number(r[7])), r[8]);
  });
});

describe('toJsonl', () => {
  test('one JSON value per line, line breaks inside values escaped', () => {
    const lines = [...toJsonl([{ a: 1 }, { b: 'x\ny\u2028' }])];
    assert.deepEqual(lines, ['{"a":1}\n', '{"b":"x\\ny\u2028"}\n']);
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      [{ a: 1 }, { b: 'x\ny\u2028' }],
    );
  });
});
